// 查看原文: sends the exact policy text behind an answer, with where it is in the plan.
import { z } from 'zod'
import type { CardActionHandler } from '../../../bot/handler.ts'
import { citationOf } from '../answer.ts'

const valueSchema = z.object({ entry: z.string().min(1) })

export const knowledgeSourceAction: CardActionHandler = {
  action: 'knowledge.source',
  async handle({ deps, event }) {
    const value = valueSchema.safeParse(event.value)
    const entry = value.success ? deps.knowledge.get(value.data.entry) : undefined
    const card = entry ? deps.knowledge.sourceCard(entry.id) : null
    if (!entry || !card) {
      return {
        intent: 'knowledge.source',
        cardResponse: { toast: { type: 'warning', text: '该政策条目已更新，请重新提问。' } },
      }
    }
    return { intent: 'knowledge.source', replies: [{ kind: 'card', card }], citations: [citationOf(entry)] }
  },
}
