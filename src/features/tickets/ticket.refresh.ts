// Keeps every copy of a ticket's cards in step with the ticket: after a change, each task, approval and
// satisfaction card that shows the ticket is re-rendered and, where it changed, updated in place for its viewers.
// Where a platform cannot update in place (capabilities.inPlaceCardUpdate false: the console, DingTalk without a
// card template), an update is a new message: each person then gets one new copy per card (the newest copy they
// were sent; older copies are updated silently), and none of a card the clicker's own answer already shows.
import type { Platform } from '../../bot/types.ts'
import type { CardModel } from '../../cards/model.ts'
import type { Tx } from '../../db/client.ts'
import type { CoreDeps } from '../../deps.ts'
import { findSentCard, updateSentCard } from '../../outbox/outbox.repo.ts'
import {
  hasForms,
  occasionOf,
  renderApprovalCard,
  renderSatisfactionCard,
  renderTaskCard,
  type TicketContext,
  ticketSubject,
} from './ticket.cards.ts'
import { loadTicketContext } from './ticket.people.ts'
import { latestDecision, type TicketRow } from './ticket.repo.ts'

export const TICKET_CARD_TEMPLATES = ['ticket-task', 'ticket-approval', 'ticket-satisfaction'] as const

/** The card a template shows for the ticket now (with a form where the card's platform has forms). */
export async function currentTicketCard(
  deps: Pick<CoreDeps, 'capabilities'>,
  db: Tx,
  template: string,
  platform: string,
  ctx: TicketContext,
  previous?: CardModel,
): Promise<CardModel | null> {
  const { ticket } = ctx
  if (template === 'ticket-task') return { ...renderTaskCard(ctx, occasionOf(previous)) }
  if (template === 'ticket-approval') {
    const decision = await latestDecision(db, ticket.id)
    const shown = decision && ticket.status !== 'pending_approval' ? decision : null
    return renderApprovalCard(ctx, hasForms(deps, platform), shown)
  }
  if (template === 'ticket-satisfaction') {
    const rating = await db.satisfaction.findUnique({ where: { ticketId: ticket.id } })
    const result = rating
      ? `已评价：${rating.score}分，感谢您的反馈！`
      : ticket.status === 'reopened'
        ? '已反馈问题未解决，质量管家会继续跟进。'
        : undefined
    return renderSatisfactionCard(ctx, hasForms(deps, platform), result)
  }
  return null
}

/** One person's (or, in a group, one chat's) view of one kind of card. */
const viewerKey = (row: { platform: string; chatId: string | null; userId: string | null; template: string }) =>
  `${row.platform}|${row.userId ?? row.chatId ?? ''}|${row.template}`

const sameLook = (a: CardModel, b: CardModel) =>
  JSON.stringify([a.title, a.tone, a.blocks, a.actions]) === JSON.stringify([b.title, b.tone, b.blocks, b.actions])

/** Re-renders the ticket's other cards (not `exceptCardId`, which the click answer updates) and pushes changes. */
export async function refreshTicketCards(
  deps: Pick<CoreDeps, 'capabilities'>,
  tx: Tx,
  ticket: TicketRow,
  exceptCardId?: string,
): Promise<number> {
  const rows = await tx.sentCard.findMany({
    where: { subject: ticketSubject(ticket.id), template: { in: [...TICKET_CARD_TEMPLATES] } },
    orderBy: { createdAt: 'desc' },
    take: 30,
    select: { id: true, platform: true, chatId: true, userId: true, template: true },
  })
  const ctx = await loadTicketContext(tx, ticket)
  // Where updates are new messages: whose copy of which card was shown already (the clicked card counts: the
  // click's own answer shows it).
  const shown = new Set(rows.filter((r) => r.id === exceptCardId).map(viewerKey))
  let pushed = 0
  for (const row of rows) {
    if (row.id === exceptCardId) continue
    const card = await findSentCard(tx, row.id)
    if (!card) continue
    const next = await currentTicketCard(deps, tx, card.template, card.platform, ctx, card.model)
    if (!next || sameLook(next, card.model)) continue
    const inPlace = deps.capabilities(row.platform as Platform).inPlaceCardUpdate
    const push = inPlace || !shown.has(viewerKey(row))
    shown.add(viewerKey(row))
    if (await updateSentCard(tx, row.id, card.version, next, { push })) pushed += push ? 1 : 0
  }
  return pushed
}
