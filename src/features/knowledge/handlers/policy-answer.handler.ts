// Answers a policy question with the answer card and its citation. The optional LLM only rephrases the retrieved
// entries of a single question; the card, citation and "方案未明确" line are the same with or without it.
import type { MessageHandler } from '../../../bot/handler.ts'
import { phraseWithLlm } from '../llm.ts'
import { intentData } from './intent-data.ts'

export const policyAnswerHandler: MessageHandler = {
  intent: 'policy_answer',
  async handle({ deps, event, intent }) {
    const given = intentData(intent)
    const data = given.entryIds.length ? given : deps.knowledge.classify(event.text).data
    const ids = data.entryIds
    const entries = ids.flatMap((id) => deps.knowledge.get(id) ?? [])
    if (!entries.length) {
      return {
        intent: 'out_of_scope',
        replies: [{ kind: 'card', card: deps.knowledge.declineCard({ data: { entryIds: [] } }) }],
      }
    }
    let answer = deps.knowledge.answer(event.text, ids, { scores: data.scores })!
    // Several questions in one card are answered clause by clause: only a single answer is phrased.
    const single = answer.card.template === 'policy-answer'
    const grounding = deps.knowledge.groundingFor(ids.slice(0, 1))
    const phrased =
      deps.config.llm && single ? await phraseWithLlm(deps, event.text, entries.slice(0, 1), grounding) : undefined
    if (phrased) answer = deps.knowledge.answer(event.text, ids, { scores: data.scores, answerText: phrased })!
    deps.log.info('policy answer', { entry: answer.entry.id, silent: answer.silent, llm: Boolean(phrased) })
    return { intent: 'policy_answer', replies: [{ kind: 'card', card: answer.card }], citations: answer.citations }
  },
}
