// Who the person clicking is, for this ticket: the lifecycle's parties (state-machine.ts), from the verified
// operator identity and the role checks (staff.roles.ts). Nothing here trusts what a button value claims.
import type { Actor } from '../../bot/types.ts'
import type { DbOrTx } from '../../db/client.ts'
import { findStaff, resolveStaff } from '../staff/staff.repo.ts'
import { canDecideApproval, canSeeTicket, canTransferTicket, canWorkTicket } from '../staff/staff.roles.ts'
import type { StaffView } from '../staff/staff.schema.ts'
import type { Party } from './state-machine.ts'
import { findContact } from './ticket.people.ts'
import { type TicketRow, ticketScope } from './ticket.repo.ts'

export interface Acting {
  parties: Party[]
  staff: StaffView | null
  contactId: number | null
  /** For the audit trail: "staff:3" / "contact:7". */
  actor: string
  actorName: string
}

export async function actingFor(db: DbOrTx, operator: Actor, ticket: TicketRow): Promise<Acting> {
  const scope = await ticketScope(db, ticket)
  const staff = await resolveStaff(db, operator)
  const contact = await findContact(db, operator)
  const parties: Party[] = []
  if (staff) {
    const assignee = ticket.assigneeId ? await findStaff(db, ticket.assigneeId) : null
    if (staff.role === 'admin') parties.push('admin')
    if (canWorkTicket(staff, scope) && staff.id === ticket.assigneeId) parties.push('assignee')
    if (canTransferTicket(staff, scope, assignee?.department ?? null)) parties.push('supervisor')
    if (canDecideApproval(staff, scope)) parties.push('approver')
  }
  if (contact && canSeeTicket({ kind: 'contact', contact }, scope)) parties.push('contact')
  return {
    parties,
    staff,
    contactId: contact?.id ?? null,
    actor: staff ? `staff:${staff.id}` : contact ? `contact:${contact.id}` : `${operator.platform}:${operator.userId}`,
    actorName: staff?.name ?? contact?.name ?? operator.name ?? operator.userId,
  }
}
