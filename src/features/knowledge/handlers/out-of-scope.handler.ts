// Declines what the plan does not cover, politely, with what the bot can do and a service ticket button. It is
// also the registry's fallback for intents nobody handles: if the classifier found a confident entry for such a
// question, answering from it beats a refusal.
import type { MessageHandler } from '../../../bot/handler.ts'
import { intentData } from './intent-data.ts'

export const outOfScopeHandler: MessageHandler = {
  intent: 'out_of_scope',
  async handle({ deps, event, intent }) {
    const data = intentData(intent)
    if (intent.intent !== 'out_of_scope' && data.entryIds.length) {
      const answer = deps.knowledge.answer(event.text, data.entryIds, { scores: data.scores })
      if (answer)
        return { intent: 'policy_answer', replies: [{ kind: 'card', card: answer.card }], citations: answer.citations }
    }
    deps.log.info('question declined', { reason: data.reason ?? intent.intent })
    return { intent: 'out_of_scope', replies: [{ kind: 'card', card: deps.knowledge.declineCard({ data }) }] }
  },
}
