// Ticket persistence: reads, the audit trail, and the one optimistic write every state change goes through
// (`updateMany where {id, version}`: of two concurrent changes exactly one lands).
import type { DbOrTx, Ticket } from '../../db/client.ts'
import type { TicketScope } from '../staff/staff.roles.ts'
import type { TicketStatus } from './state-machine.ts'

export type TicketRow = Ticket

export interface EventInput {
  action: string
  fromStatus?: string | null
  toStatus?: string | null
  /** "staff:3", "contact:7", "system" */
  actor: string
  actorName?: string | null
  comment?: string | null
}

export async function addTicketEvent(db: DbOrTx, ticketId: number, event: EventInput, at: Date) {
  return db.ticketEvent.create({
    data: {
      ticketId,
      action: event.action,
      fromStatus: event.fromStatus ?? null,
      toStatus: event.toStatus ?? null,
      actor: event.actor,
      actorName: event.actorName ?? null,
      comment: event.comment ?? null,
      at,
    },
  })
}

export const findTicket = (db: DbOrTx, id: number) => db.ticket.findUnique({ where: { id } })

export type TicketPatch = Partial<
  Pick<
    Ticket,
    | 'assigneeId'
    | 'needsApproval'
    | 'approvalDepartment'
    | 'firstRespondedAt'
    | 'resolvedAt'
    | 'closedAt'
    | 'escalatedAt'
  >
>

/**
 * Moves the ticket to `to` if it is still at `expectedVersion`, bumps the version and records the event.
 * Returns the updated ticket, or null when someone else changed it first (nothing is written then).
 */
export async function applyTransition(
  db: DbOrTx,
  ticket: TicketRow,
  expectedVersion: number,
  to: TicketStatus,
  patch: TicketPatch,
  event: EventInput,
  at: Date,
): Promise<TicketRow | null> {
  const { count } = await db.ticket.updateMany({
    where: { id: ticket.id, version: expectedVersion },
    data: { ...patch, status: to, version: expectedVersion + 1, updatedAt: at },
  })
  if (count === 0) return null
  await addTicketEvent(db, ticket.id, { ...event, fromStatus: ticket.status, toStatus: to }, at)
  return db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })
}

/** What the role checks need: the ticket plus its enterprise's industry and town. */
export async function ticketScope(db: DbOrTx, ticket: TicketRow): Promise<TicketScope> {
  const enterprise = ticket.enterpriseId
    ? await db.enterprise.findUnique({ where: { id: ticket.enterpriseId }, select: { industry: true, town: true } })
    : null
  return {
    category: ticket.category,
    assigneeId: ticket.assigneeId,
    approvalDepartment: ticket.approvalDepartment,
    enterpriseId: ticket.enterpriseId,
    contactId: ticket.contactId,
    industry: enterprise?.industry ?? null,
    town: enterprise?.town ?? null,
  }
}

/** The latest approval decision (for the card: "已同意 · 张三 · 11-24 10:32"). */
export async function latestDecision(db: DbOrTx, ticketId: number) {
  return db.ticketEvent.findFirst({
    where: { ticketId, action: { in: ['approved', 'rejected'] } },
    orderBy: { id: 'desc' },
  })
}
