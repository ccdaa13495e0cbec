// The assignee's buttons (接单 / 转派 / 需要审批 / 办结) and the contact's 问题未解决: each a thin handler over
// performTicketAction, which checks the ticket version, the operator's role and the lifecycle.
import type { CardActionHandler } from '../../../bot/handler.ts'
import type { TicketAction } from '../state-machine.ts'
import { performTicketAction } from '../ticket.actions.ts'
import { answerClick, BAD_BUTTON, readRef } from './common.ts'
import { askFirst } from './confirm.flow.ts'

function ticketButton(name: string, action: TicketAction): CardActionHandler {
  return {
    action: name,
    async handle(ctx) {
      const ref = readRef(ctx)
      if (!ref) return BAD_BUTTON
      // 办结 asks first where the platform has no forms (confirm.flow.ts).
      const question = await askFirst(ctx, action, ref)
      if (question) return question
      const outcome = await performTicketAction(ctx.deps, {
        ticketId: ref.t,
        version: ref.tv,
        action,
        operator: ctx.event.operator,
        cardId: ctx.card?.id,
      })
      return answerClick(ctx, outcome, `ticket_${action}`)
    },
  }
}

export const ticketAcceptAction = ticketButton('ticket.accept', 'accept')
export const ticketTransferAction = ticketButton('ticket.transfer', 'transfer')
export const ticketRequestApprovalAction = ticketButton('ticket.request_approval', 'request_approval')
export const ticketResolveAction = ticketButton('ticket.resolve', 'resolve')
export const ticketReopenAction = ticketButton('ticket.reopen', 'reopen')
