// 同意 / 驳回 on the approval card. Where the platform has forms the card is one (decision + optional comment,
// `ticket.decide`); elsewhere people click a button and may type the comment as their next message (`ticket_comment`).
// Only an official of the ticket's approving department (or an admin) may decide — checked against the operator
// of the verified callback, never against anything the button carries.
import type { CardActionContext, CardActionHandler, HandlerResult } from '../../../bot/handler.ts'
import { text } from '../../../bot/handler.ts'
import { performTicketAction } from '../ticket.actions.ts'
import { hasForms } from '../ticket.cards.ts'
import { answerClick, BAD_BUTTON, readRef } from './common.ts'
import { askFirst } from './confirm.flow.ts'

const COMMENT_MAX = 500

async function decide(
  ctx: CardActionContext,
  decision: 'approve' | 'reject',
  comment: string | null,
): Promise<HandlerResult> {
  const ref = readRef(ctx)
  if (!ref) return BAD_BUTTON
  const outcome = await performTicketAction(ctx.deps, {
    ticketId: ref.t,
    version: ref.tv,
    action: decision,
    operator: ctx.event.operator,
    comment: comment?.slice(0, COMMENT_MAX) || null,
    cardId: ctx.card?.id,
  })
  const result = await answerClick(ctx, outcome, `ticket_${decision}`)
  if (!outcome.ok || comment || hasForms(ctx.deps, ctx.event.platform)) return result
  await ctx.conversation.start('ticket_comment', 'decision', { ticketId: outcome.ticket.id, eventId: outcome.eventId })
  return { ...result, replies: [text('如需补充审批意见，请直接回复文字（将告知企业和质量管家）；回复“无”即可跳过。')] }
}

export const ticketApproveAction: CardActionHandler = {
  action: 'ticket.approve',
  handle: (ctx) => decide(ctx, 'approve', null),
}

/** 驳回 asks first where the platform has no forms (confirm.flow.ts); the form's 驳回 is already a deliberate step. */
export const ticketRejectAction: CardActionHandler = {
  action: 'ticket.reject',
  async handle(ctx) {
    const ref = readRef(ctx)
    const question = ref ? await askFirst(ctx, 'reject', ref) : null
    return question ?? decide(ctx, 'reject', null)
  },
}

/** The Feishu approval form: `decision` (approve | reject) and an optional `comment`. */
export const ticketDecideAction: CardActionHandler = {
  action: 'ticket.decide',
  async handle(ctx) {
    const decision = ctx.event.form.decision
    if (decision !== 'approve' && decision !== 'reject') {
      return {
        intent: 'ticket_refused',
        cardResponse: { toast: { type: 'warning', text: '请先选择“同意”或“驳回”。' } },
      }
    }
    return decide(ctx, decision, ctx.event.form.comment?.trim() || null)
  },
}
