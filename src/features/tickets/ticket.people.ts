// The people around a ticket: the enterprise contact behind a chat identity, the staff behind a ticket, and where
// each of them is reached. Binding a contact to an enterprise is the enterprises feature's; this only reads it.
import type { Actor, Address, Platform } from '../../bot/types.ts'
import type { DbOrTx } from '../../db/client.ts'
import type { CoreDeps } from '../../deps.ts'
import { addressOf } from '../people/addresses.ts'
import { findStaff } from '../staff/staff.repo.ts'
import type { StaffView } from '../staff/staff.schema.ts'
import type { TicketContext } from './ticket.cards.ts'
import type { TicketRow } from './ticket.repo.ts'

export async function findContact(db: DbOrTx, actor: Actor) {
  return db.contact.findUnique({ where: { platform_userId: { platform: actor.platform, userId: actor.userId } } })
}

/** The contact row for someone opening a ticket (created unbound on first use). */
export async function ensureContact(db: DbOrTx, actor: Actor) {
  return db.contact.upsert({
    where: { platform_userId: { platform: actor.platform, userId: actor.userId } },
    create: { platform: actor.platform, userId: actor.userId, name: actor.name ?? null },
    update: {},
  })
}

export async function boundEnterprise(db: DbOrTx, enterpriseId: number | null) {
  return enterpriseId ? db.enterprise.findUnique({ where: { id: enterpriseId } }) : null
}

export async function loadTicketContext(db: DbOrTx, ticket: TicketRow): Promise<TicketContext> {
  const enterprise = await boundEnterprise(db, ticket.enterpriseId)
  const assignee = ticket.assigneeId ? await findStaff(db, ticket.assigneeId) : null
  return { ticket, enterpriseName: enterprise?.name ?? null, assigneeName: assignee?.name ?? null }
}

/** Where the contact hears back: the chat the ticket was opened in. */
export function contactAddress(ticket: TicketRow): Address | null {
  if (!ticket.originChatId) return null
  return { platform: ticket.originPlatform as Platform, chatId: ticket.originChatId }
}

/**
 * Where a staff member is reached: on the platform the conversation came from when they have an account there and
 * it is on, else on the next platform that knows them (addressOf, src/features/people/addresses.ts).
 */
export function staffAddress(deps: CoreDeps, staff: StaffView, preferred: string): Address | null {
  return addressOf(staff, { preferred, ports: deps.ports })
}
