// 去审批 / 查看 on a digest (or any card): the ticket's working card for the person who clicks, as the ticket cards
// themselves would show it to them — the approval card to an official who decides it, the task card to its
// assignee, a card without buttons to other staff who may see it, nothing to anyone else. Authorised against the
// verified operator with the same role checks as every ticket button (staff.roles.ts), never the button's value.
import { z } from 'zod'
import type { CardActionHandler, HandlerResult } from '../../../bot/handler.ts'
import { resolveStaff } from '../../staff/staff.repo.ts'
import { canDecideApproval, canSeeTicket, canWorkTicket } from '../../staff/staff.roles.ts'
import { hasForms, renderApprovalCard, renderTaskCard } from '../ticket.cards.ts'
import { loadTicketContext } from '../ticket.people.ts'
import { findTicket, ticketScope } from '../ticket.repo.ts'
import { BAD_BUTTON } from './common.ts'

const NOT_YOURS: HandlerResult = {
  intent: 'ticket_refused',
  cardResponse: { toast: { type: 'error', text: '您没有查看此工单的权限。' } },
}

export const ticketViewAction: CardActionHandler = {
  action: 'ticket.view',
  async handle({ deps, event }) {
    const ref = z.object({ t: z.coerce.number().int().positive() }).safeParse(event.value)
    if (!ref.success) return BAD_BUTTON
    const ticket = await findTicket(deps.db, ref.data.t)
    if (!ticket) return BAD_BUTTON
    const staff = await resolveStaff(deps.db, event.operator)
    const scope = await ticketScope(deps.db, ticket)
    if (!staff || !canSeeTicket({ kind: 'staff', staff }, scope)) return NOT_YOURS
    const ctx = await loadTicketContext(deps.db, ticket)
    const decides = ticket.status === 'pending_approval' && canDecideApproval(staff, scope)
    const card = decides
      ? renderApprovalCard(ctx, hasForms(deps, event.platform), null)
      : canWorkTicket(staff, scope)
        ? renderTaskCard(ctx)
        : { ...renderTaskCard(ctx), actions: [] }
    return { intent: 'ticket_view', replies: [{ kind: 'card', card }] }
  },
}
