// The contact's satisfaction score: a 1–5 button (score in the value) or, where the platform has forms, the rating form.
import type { CardActionHandler } from '../../../bot/handler.ts'
import { text } from '../../../bot/handler.ts'
import { isScore, rateTicket } from '../satisfaction.ts'
import { hasForms } from '../ticket.cards.ts'
import { answerClick, BAD_BUTTON, readRef } from './common.ts'

export const ticketRateAction: CardActionHandler = {
  action: 'ticket.rate',
  async handle(ctx) {
    const ref = readRef(ctx)
    if (!ref) return BAD_BUTTON
    const score = Number(ctx.event.value.s ?? ctx.event.form.score)
    if (!isScore(score)) {
      return { intent: 'ticket_refused', cardResponse: { toast: { type: 'warning', text: '请选择 1 到 5 分。' } } }
    }
    const comment = ctx.event.form.comment?.trim().slice(0, 500) || null
    const outcome = await rateTicket(ctx.deps, {
      ticketId: ref.t,
      version: ref.tv,
      score,
      comment,
      operator: ctx.event.operator,
      cardId: ctx.card?.id,
    })
    const result = await answerClick(ctx, outcome, 'ticket_rated')
    if (!outcome.ok) return result
    const toast = { type: 'success' as const, text: '感谢您的评价！' }
    const answered = { ...result, cardResponse: { ...result.cardResponse, toast } }
    if (comment || hasForms(ctx.deps, ctx.event.platform)) return answered
    await ctx.conversation.start('ticket_comment', 'rating', { ticketId: outcome.ticket.id })
    return { ...answered, replies: [text('感谢您的评价！如有意见建议，请直接回复文字；回复“无”即可。')] }
  },
}
