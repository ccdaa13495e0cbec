// The knowledge classifier as an IntentRecognizer. A final recognizer of the last feature (src/features/index.ts),
// so it is asked last: it has an answer for every text (out_of_scope when unsure), so recognizers after it would
// never run.
import { looksOffTask } from '../../bot/digression.ts'
import type { IntentRecognizer } from '../../bot/handler.ts'
import { askingSentences } from './questions.ts'
import { syncEdits } from './revisions.ts'
import { normalizeText } from './tokenizer.ts'

export const knowledgeRecognizer: IntentRecognizer = {
  name: 'knowledge',
  async recognize(text, deps) {
    // A core assembled without the knowledge base (some tests) falls through to the registry's fallback.
    if (!deps.knowledge) return null
    // Writing or translating for someone ("帮我写篇世界计量日的宣传稿") is no question about the plan, whatever it names;
    // "我们要写一篇宣传稿。请问这个行动的目标…" asks about the plan.
    if (looksOffTask(askingSentences(normalizeText(text))))
      return { intent: 'out_of_scope', confidence: 0.95, data: { entryIds: [], reason: 'off_task' } }
    // Edits made in the console on any instance (revisions.ts): at most one small read per second.
    await syncEdits(deps)
    const { intent, confidence, data } = deps.knowledge.classify(text)
    return { intent, confidence, data }
  },
}
