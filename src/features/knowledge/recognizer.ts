// The knowledge classifier as an IntentRecognizer. A final recognizer of the last feature (src/features/index.ts),
// so it is asked last: it has an answer for every text (out_of_scope when unsure), so recognizers after it would
// never run.
import type { IntentRecognizer } from '../../bot/handler.ts'
import { syncEdits } from './revisions.ts'

export const knowledgeRecognizer: IntentRecognizer = {
  name: 'knowledge',
  async recognize(text, deps) {
    // A core assembled without the knowledge base (some tests) falls through to the registry's fallback.
    if (!deps.knowledge) return null
    // Edits made in the console on any instance (revisions.ts): at most one small read per second.
    await syncEdits(deps)
    const { intent, confidence, data } = deps.knowledge.classify(text)
    return { intent, confidence, data }
  },
}
