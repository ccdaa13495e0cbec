// "我的工单进度" (contacts) and "我的待办" / "我负责的工单" (staff), as a message or the 我的工单进度 button.
// Staff also get the working cards of their first few tickets, so they can act at once from any platform.
import type { CardActionHandler, HandlerResult, MessageHandler } from '../../../bot/handler.ts'
import type { Actor, OutgoingBody, Platform } from '../../../bot/types.ts'
import type { CoreDeps } from '../../../deps.ts'
import { canDecideApproval } from '../../staff/staff.roles.ts'
import { categoryLabel } from '../categories.ts'
import { statusLabel } from '../state-machine.ts'
import { ticketListCard } from '../ticket.card-defs.ts'
import { hasForms, renderApprovalCard, renderSatisfactionCard, renderTaskCard } from '../ticket.cards.ts'
import { ticketsFor } from '../ticket.lists.ts'
import { loadTicketContext } from '../ticket.people.ts'
import { ticketScope } from '../ticket.repo.ts'
import { shortTime } from '../time.ts'

const WORK_CARDS = 3

async function listTickets(deps: CoreDeps, actor: Actor, platform: Platform): Promise<HandlerResult> {
  const list = await ticketsFor(deps.db, actor)
  if (list.kind === 'none') {
    const card = ticketListCard({
      title: '我的工单进度',
      items: [],
      empty: '您还没有提交过服务申请。',
      hint: '如需服务，请发送“我要申请服务”。',
    })
    return { intent: 'ticket_mine', replies: [{ kind: 'card', card }] }
  }
  const items = list.tickets.map((t) => ({
    number: t.number,
    category: categoryLabel(t.category),
    status: statusLabel(t.status),
    time: shortTime(t.createdAt),
  }))
  const staff = list.kind === 'staff' ? list.staff : null
  const card = ticketListCard({
    title: staff ? (staff.role === 'admin' ? '全部在办工单' : '我的待办') : '我的工单进度',
    items,
    empty: items.length ? undefined : staff ? '目前没有待办工单。' : '您还没有提交过服务申请。',
    hint: staff ? undefined : '如需补充情况，请直接联系您的质量管家。',
  })
  const replies: OutgoingBody[] = [{ kind: 'card', card }]
  if (!staff) {
    // A resolved ticket still waiting for its score: offer the rating card again (the first one may be buried).
    const unrated = list.tickets.find((t) => t.status === 'resolved')
    if (unrated && !(await deps.db.satisfaction.findUnique({ where: { ticketId: unrated.id } }))) {
      const ctx = await loadTicketContext(deps.db, unrated)
      replies.push({ kind: 'card', card: renderSatisfactionCard(ctx, hasForms(deps, platform)) })
    }
  }
  if (staff) {
    for (const ticket of list.tickets.slice(0, WORK_CARDS)) {
      const ctx = await loadTicketContext(deps.db, ticket)
      const decides =
        ticket.status === 'pending_approval' && canDecideApproval(staff, await ticketScope(deps.db, ticket))
      const work = decides ? renderApprovalCard(ctx, hasForms(deps, platform), null) : renderTaskCard(ctx)
      replies.push({ kind: 'card', card: work })
    }
  }
  return { intent: 'ticket_mine', replies }
}

export const ticketMineHandler: MessageHandler = {
  intent: 'ticket_mine',
  handle: ({ deps, event }) => listTickets(deps, event.sender, event.platform),
}

export const ticketMineAction: CardActionHandler = {
  action: 'ticket.mine',
  handle: ({ deps, event }) => listTickets(deps, event.operator, event.platform),
}
