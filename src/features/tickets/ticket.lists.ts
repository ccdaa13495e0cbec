// Which tickets a person may list: a contact their enterprise's (unbound: their own); staff what is assigned to
// them plus the approvals they decide; an admin everything still open.
import type { Actor } from '../../bot/types.ts'
import type { DbOrTx } from '../../db/client.ts'
import { resolveStaff } from '../staff/staff.repo.ts'
import type { StaffView } from '../staff/staff.schema.ts'
import { ACTIVE_STATUSES } from './state-machine.ts'
import { findContact } from './ticket.people.ts'
import type { TicketRow } from './ticket.repo.ts'

const LIMIT = 10

export type TicketList =
  | { kind: 'staff'; staff: StaffView; tickets: TicketRow[] }
  | { kind: 'contact'; tickets: TicketRow[] }
  | { kind: 'none' }

export async function ticketsFor(db: DbOrTx, actor: Actor): Promise<TicketList> {
  const staff = await resolveStaff(db, actor)
  if (staff) {
    const active = { status: { in: [...ACTIVE_STATUSES] } }
    const where =
      staff.role === 'admin'
        ? active
        : {
            OR: [
              { assigneeId: staff.id, ...active },
              ...(staff.role === 'official'
                ? [{ status: 'pending_approval', approvalDepartment: staff.department }]
                : []),
            ],
          }
    const tickets = await db.ticket.findMany({ where, orderBy: { id: 'desc' }, take: LIMIT })
    return { kind: 'staff', staff, tickets }
  }
  const contact = await findContact(db, actor)
  if (!contact) return { kind: 'none' }
  const where = contact.enterpriseId ? { enterpriseId: contact.enterpriseId } : { contactId: contact.id }
  return { kind: 'contact', tickets: await db.ticket.findMany({ where, orderBy: { id: 'desc' }, take: LIMIT }) }
}
