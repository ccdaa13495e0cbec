// Final actions ask first where the platform has no forms (the console, DingTalk without a card template): a typed
// number or a click on 办结 / 驳回 answers "确认办结工单 QS-…？回复 1 确认，回复 2 取消", and only the confirmation
// acts. The confirmation is a flow, so the 1 / 2 that follows answers it rather than pressing a card's button
// (src/bot/numbered-reply.ts, numberAnswersFlow). A question or command typed instead is answered and the
// confirmation waits (src/bot/digression.ts); anything else asks again.
// Platforms with forms or in-place cards (Feishu, DingTalk with a card template) act on the click as before.
import type { CardActionContext, FlowHandler, HandlerResult } from '../../../bot/handler.ts'
import { text } from '../../../bot/handler.ts'
import type { TicketAction } from '../state-machine.ts'
import { performTicketAction } from '../ticket.actions.ts'
import { findTicket } from '../ticket.repo.ts'
import type { TicketRef } from './common.ts'

export const CONFIRM_FLOW = 'ticket_confirm'

/** The actions that cannot be taken back, and how the question names them. */
export const FINAL_ACTIONS: Partial<Record<TicketAction, string>> = { resolve: '办结', reject: '驳回' }

const YES = /^(1|１|确认|确定|是)$/
const NO = /^(2|２|取消|否|不)$/
const CANCELLED = '已取消，工单未作改动。'

export const confirmQuestion = (label: string, number: string) => `确认${label}工单 ${number}？回复 1 确认，回复 2 取消`

/**
 * The question instead of the action, where it must be asked (a final action on a platform without forms); null
 * to act at once. A card that is out of date is not asked about: the action refuses it as stale.
 */
export async function askFirst(
  ctx: CardActionContext,
  action: TicketAction,
  ref: TicketRef,
): Promise<HandlerResult | null> {
  const label = FINAL_ACTIONS[action]
  const can = ctx.deps.capabilities(ctx.event.platform)
  if (!label || can.forms || can.inPlaceCardUpdate) return null
  const ticket = await findTicket(ctx.deps.db, ref.t)
  if (!ticket || ticket.version !== ref.tv) return null
  await ctx.conversation.start(CONFIRM_FLOW, action, {
    t: ref.t,
    tv: ref.tv,
    cardId: ctx.card?.id ?? null,
    number: ticket.number,
  })
  return { intent: 'ticket_confirm', replies: [text(confirmQuestion(label, ticket.number))] }
}

export const ticketConfirmFlow: FlowHandler = {
  flow: CONFIRM_FLOW,
  label: '工单确认',
  step: (state) => {
    const label = FINAL_ACTIONS[state.step as TicketAction]
    if (!label) return null
    const prompt = confirmQuestion(label, String(state.data.number ?? ''))
    const accepts = (answer: string) => YES.test(answer) || NO.test(answer)
    return { input: 'confirm', accepts, prompt, retry: `抱歉，没有看懂您的回复。${prompt}` }
  },
  waiting: '您还有一项工单操作待确认，回复「继续」查看；回复「取消」则不作改动。',
  cancelled: CANCELLED,
  expired: '确认已超时，工单未作改动。如仍需办理，请在最新的工单卡片上重新操作。',
  async handle(ctx) {
    const { deps, event, conversation } = ctx
    const state = await conversation.current()
    await conversation.end()
    const answer = event.text.trim()
    if (!state || !YES.test(answer)) return { intent: 'ticket_confirm_cancelled', replies: [text(CANCELLED)] }
    const action = state.step as TicketAction
    const ticketId = Number(state.data.t)
    // The clicked card is redrawn by the refresh like every other copy: one new copy for this person.
    const outcome = await performTicketAction(deps, {
      ticketId,
      version: Number(state.data.tv),
      action,
      operator: event.sender,
    })
    if (!outcome.ok) return { intent: 'ticket_refused', replies: [text(outcome.message)] }
    deps.outbox.kick()
    if (action !== 'reject') return { intent: `ticket_${action}`, replies: [text(outcome.message)] }
    // As after a click on 驳回 (approval.actions.ts): the official may add an opinion as their next message.
    await conversation.start('ticket_comment', 'decision', { ticketId: outcome.ticket.id, eventId: outcome.eventId })
    return {
      intent: 'ticket_reject',
      replies: [
        text(outcome.message),
        text('如需补充审批意见，请直接回复文字（将告知企业和质量管家）；回复“无”即可跳过。'),
      ],
    }
  },
}
