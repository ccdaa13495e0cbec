// The bulk read behind the daily digest: every open ticket once, with only what ranks it (status, assignee, the
// running SLA clock), each person's list sorted by urgency with its counts; then the details (number, category,
// enterprise) of just the tickets the cards will show. Two date columns fewer and no text for the tickets nobody
// reads keeps a run over 100,000 tickets fast (bench/digests.bench.ts).
import type { DbOrTx } from '../../db/client.ts'
import { ACTIVE_STATUSES } from './state-machine.ts'
import { shanghaiDate } from './working-hours.ts'

export type Urgency = 'overdue' | 'today' | 'later'

export interface RankedTicket {
  id: number
  status: string
  assigneeId: number | null
  approvalDepartment: string | null
  /** Responded to: the clock running is the resolution's, else the first response's. */
  responded: boolean
  due: Date | null
  urgency: Urgency
}

export interface PersonTickets {
  list: RankedTicket[]
  overdue: number
  today: number
}

export interface TicketDetails {
  number: string
  category: string
  version: number
  enterprise: string | null
}

const RANK: Record<Urgency, number> = { overdue: 0, today: 1, later: 2 }
const CHUNK = 5000

function urgencyOf(due: Date | null, now: Date, today: string): Urgency {
  if (!due) return 'later'
  if (due <= now) return 'overdue'
  return shanghaiDate(due) === today ? 'today' : 'later'
}

const byUrgency = (a: RankedTicket, b: RankedTicket) =>
  RANK[a.urgency] - RANK[b.urgency] ||
  (a.due?.getTime() ?? Number.POSITIVE_INFINITY) - (b.due?.getTime() ?? Number.POSITIVE_INFINITY) ||
  a.id - b.id

/** Every open ticket, ranked: per assignee (sorted, counted) and the approvals per approving department. */
export async function loadOpenTickets(db: DbOrTx, now: Date) {
  const active = { status: { in: [...ACTIVE_STATUSES] } }
  const base = { id: true, status: true, assigneeId: true, approvalDepartment: true } as const
  const waiting = await db.ticket.findMany({
    where: { ...active, firstRespondedAt: null },
    select: { ...base, firstResponseDue: true },
  })
  const responded = await db.ticket.findMany({
    where: { ...active, firstRespondedAt: { not: null } },
    select: { ...base, resolutionDue: true },
  })
  const today = shanghaiDate(now)
  const rank = (t: (typeof waiting)[number] | (typeof responded)[number], isResponded: boolean, due: Date | null) => ({
    id: t.id,
    status: t.status,
    assigneeId: t.assigneeId,
    approvalDepartment: t.approvalDepartment,
    responded: isResponded,
    due,
    urgency: urgencyOf(due, now, today),
  })
  const tickets: RankedTicket[] = [
    ...waiting.map((t) => rank(t, false, t.firstResponseDue)),
    ...responded.map((t) => rank(t, true, t.resolutionDue)),
  ]
  const people = new Map<number, PersonTickets>()
  const approvals = new Map<string, RankedTicket[]>()
  for (const t of tickets) {
    if (t.status === 'pending_approval' && t.approvalDepartment) {
      const list = approvals.get(t.approvalDepartment)
      if (list) list.push(t)
      else approvals.set(t.approvalDepartment, [t])
    } else if (t.assigneeId !== null) {
      const person = people.get(t.assigneeId) ?? { list: [], overdue: 0, today: 0 }
      person.list.push(t)
      if (t.urgency === 'overdue') person.overdue++
      if (t.urgency === 'today') person.today++
      people.set(t.assigneeId, person)
    }
  }
  for (const person of people.values()) person.list.sort(byUrgency)
  for (const list of approvals.values()) list.sort((a, b) => a.id - b.id)
  return { people, approvals }
}

/** Number, category, version and enterprise name of the tickets the cards show. */
export async function loadDetails(db: DbOrTx, ids: Iterable<number>): Promise<Map<number, TicketDetails>> {
  const wanted = [...new Set(ids)]
  const rows: { id: number; number: string; category: string; version: number; enterpriseId: number | null }[] = []
  for (let i = 0; i < wanted.length; i += CHUNK) {
    rows.push(
      ...(await db.ticket.findMany({
        where: { id: { in: wanted.slice(i, i + CHUNK) } },
        select: { id: true, number: true, category: true, version: true, enterpriseId: true },
      })),
    )
  }
  const enterpriseIds = [...new Set(rows.flatMap((r) => (r.enterpriseId === null ? [] : [r.enterpriseId])))]
  const names = new Map<number, string>()
  for (let i = 0; i < enterpriseIds.length; i += CHUNK) {
    const found = await db.enterprise.findMany({
      where: { id: { in: enterpriseIds.slice(i, i + CHUNK) } },
      select: { id: true, name: true },
    })
    for (const e of found) names.set(e.id, e.name)
  }
  return new Map(
    rows.map((r) => [
      r.id,
      {
        number: r.number,
        category: r.category,
        version: r.version,
        enterprise: r.enterpriseId === null ? null : (names.get(r.enterpriseId) ?? null),
      },
    ]),
  )
}
