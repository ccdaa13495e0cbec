// Who gets a new ticket: the 质量管家 covering its category, industry and town — the most specific match first,
// round-robin among equals (least recently assigned), then the lead of the category's department, then an admin.
import type { DbOrTx } from '../../db/client.ts'
import { listActiveStaff } from '../staff/staff.repo.ts'
import { coversTicket } from '../staff/staff.roles.ts'
import type { StaffView } from '../staff/staff.schema.ts'
import { categoryOf } from './categories.ts'

export interface RoutingScope {
  category: string
  industry?: string | null
  town?: string | null
}

export interface Candidate {
  staff: StaffView
  /** The id of the latest ticket this person got (ids grow with time; null: never). */
  lastTicketId: number | null
}

export type RoutingResult = { staff: StaffView; reason: 'covered' | 'department_lead' | 'admin' } | null

/** How specifically someone covers the ticket: a named industry or town beats "every industry / town". */
const specificity = (staff: StaffView) => (staff.industries.length ? 1 : 0) + (staff.towns.length ? 1 : 0)

const leastRecent = (a: Candidate, b: Candidate) => {
  return (a.lastTicketId ?? 0) - (b.lastTicketId ?? 0) || a.staff.id - b.staff.id
}

/** Pure: picks the assignee among candidates (everyone active, with their latest ticket). */
export function pickAssignee(candidates: Candidate[], scope: RoutingScope, exclude: number[] = []): RoutingResult {
  const open = candidates.filter((c) => c.staff.active && !exclude.includes(c.staff.id))
  const covering = open.filter((c) => c.staff.role !== 'admin' && coversTicket(c.staff, scope))
  if (covering.length) {
    const best = Math.max(...covering.map((c) => specificity(c.staff)))
    const equals = covering.filter((c) => specificity(c.staff) === best).sort(leastRecent)
    return { staff: equals[0]!.staff, reason: 'covered' }
  }
  const department = categoryOf(scope.category).department
  const lead = open.filter((c) => c.staff.isLead && c.staff.department === department).sort(leastRecent)[0]
  if (lead) return { staff: lead.staff, reason: 'department_lead' }
  const admin = open.filter((c) => c.staff.role === 'admin').sort(leastRecent)[0]
  return admin ? { staff: admin.staff, reason: 'admin' } : null
}

/** Loads the candidates and picks. Ticket ids grow, so the highest id assigned is the latest assignment. */
export async function routeTicket(db: DbOrTx, scope: RoutingScope, exclude: number[] = []): Promise<RoutingResult> {
  const staff = await listActiveStaff(db)
  const latest = await db.ticket.groupBy({
    by: ['assigneeId'],
    where: { assigneeId: { in: staff.map((s) => s.id) } },
    _max: { id: true },
  })
  const last = new Map(latest.map((row) => [row.assigneeId, row._max.id]))
  return pickAssignee(
    staff.map((s) => ({ staff: s, lastTicketId: last.get(s.id) ?? null })),
    scope,
    exclude,
  )
}
