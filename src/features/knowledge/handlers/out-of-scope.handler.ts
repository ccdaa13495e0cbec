// Declines what the plan does not cover, politely, with what the bot can do and a service ticket button. It is
// also the registry's fallback for intents nobody handles: if the classifier found a confident entry for such a
// question, answering from it beats a refusal. With the optional LLM, a question the search was unsure of (never
// one naming an out-of-scope topic) gets one more try: searched again in the plan's words, or matched by the model
// to one of the clauses found; the answer is still the clause's own, cited.
import type { MessageHandler } from '../../../bot/handler.ts'
import type { CoreDeps } from '../../../deps.ts'
import { chooseWithLlm, rewriteWithLlm } from '../llm.ts'
import { intentData } from './intent-data.ts'

async function rescued(deps: CoreDeps, text: string, candidates: string[]): Promise<string[] | undefined> {
  const rewritten = await rewriteWithLlm(deps, text)
  if (rewritten) {
    const again = deps.knowledge.classify(rewritten)
    if (again.intent === 'policy_answer' && again.data.entryIds.length) return again.data.entryIds
  }
  const entries = candidates.flatMap((id) => deps.knowledge.get(id) ?? [])
  const chosen = await chooseWithLlm(deps, text, entries)
  return chosen ? [chosen] : undefined
}

export const outOfScopeHandler: MessageHandler = {
  intent: 'out_of_scope',
  async handle({ deps, event, intent }) {
    const data = intentData(intent)
    if (intent.intent !== 'out_of_scope' && data.entryIds.length) {
      const answer = deps.knowledge.answer(event.text, data.entryIds, { scores: data.scores })
      if (answer)
        return { intent: 'policy_answer', replies: [{ kind: 'card', card: answer.card }], citations: answer.citations }
    }
    if (deps.config.llm && data.reason === 'low_confidence' && data.candidates?.length) {
      const ids = await rescued(deps, event.text, data.candidates)
      const answer = ids ? deps.knowledge.answer(event.text, ids) : null
      if (answer) {
        deps.log.info('policy answer after llm retry', { entry: answer.entry.id })
        return { intent: 'policy_answer', replies: [{ kind: 'card', card: answer.card }], citations: answer.citations }
      }
    }
    deps.log.info('question declined', { reason: data.reason ?? intent.intent })
    return { intent: 'out_of_scope', replies: [{ kind: 'card', card: deps.knowledge.declineCard({ data }) }] }
  },
}
