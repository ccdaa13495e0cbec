// 已完成 / 有问题 on a check-in card (checkin.answer.ts decides who may and records the answer once).
import { z } from 'zod'
import type { CardActionContext, CardActionHandler, HandlerResult } from '../../../bot/handler.ts'
import { answerCheckin } from '../checkin.answer.ts'

const refSchema = z.object({ k: z.coerce.number().int().positive() })

async function answer(ctx: CardActionContext, kind: 'done' | 'problem'): Promise<HandlerResult> {
  const ref = refSchema.safeParse(ctx.event.value)
  if (!ref.success) {
    return { intent: 'duty_refused', cardResponse: { toast: { type: 'warning', text: '该按钮已失效。' } } }
  }
  const outcome = await answerCheckin(ctx.deps, {
    checkinId: ref.data.k,
    answer: kind,
    operator: ctx.event.operator,
    chat: ctx.event.chat,
    cardId: ctx.card?.id,
  })
  if (!outcome.ok) {
    const type = outcome.reason === 'not_allowed' ? 'error' : 'warning'
    return { intent: 'duty_refused', cardResponse: { toast: { type, text: outcome.message } } }
  }
  return {
    intent: outcome.already ? 'duty_already_answered' : `duty_${kind}`,
    cardResponse: { toast: { type: outcome.already ? 'info' : 'success', text: outcome.message }, card: outcome.card },
  }
}

export const dutyDoneAction: CardActionHandler = { action: 'duty.done', handle: (ctx) => answer(ctx, 'done') }
export const dutyProblemAction: CardActionHandler = { action: 'duty.problem', handle: (ctx) => answer(ctx, 'problem') }
