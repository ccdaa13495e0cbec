// Completion of check-ins: the month's rates per kind (for the monthly 月调度 card), and one staff member's view of
// today's check-ins not done by the enterprises they cover (for the staff daily digest).
import type { DbOrTx } from '../../db/client.ts'
import type { CoreDeps } from '../../deps.ts'
import { coveringStaffOf } from '../enterprises/staff-routing.ts'
import { listActiveStaff } from '../staff/staff.repo.ts'
import type { StaffView } from '../staff/staff.schema.ts'
import { shanghaiDate } from '../tickets/working-hours.ts'
import { CHECKIN_KINDS, type CheckinKind, kindLabel } from './duty.config.ts'
import { periodLabel } from './periods.ts'

export interface KindCompletion {
  kind: CheckinKind
  label: string
  total: number
  done: number
  problem: number
  /** Not answered (pending or missed). */
  open: number
  /** Answered (done or problem) out of all, 0..1; null when none were owed. */
  rate: number | null
}

/** Check-ins whose period falls in the month (YYYY-MM), per kind. */
export async function checkinCompletion(db: DbOrTx, month: string): Promise<KindCompletion[]> {
  const rows = await db.dutyCheckin.groupBy({
    by: ['kind', 'status'],
    where: { period: { startsWith: month } },
    _count: { _all: true },
  })
  return CHECKIN_KINDS.map((kind) => {
    const of = (statuses: string[]) =>
      rows.filter((r) => r.kind === kind && statuses.includes(r.status)).reduce((n, r) => n + r._count._all, 0)
    const done = of(['done'])
    const problem = of(['problem'])
    const open = of(['pending', 'missed'])
    const total = done + problem + open
    return { kind, label: kindLabel(kind), total, done, problem, open, rate: total ? (done + problem) / total : null }
  })
}

export interface CheckinDigestSection {
  /** Check-ins open today (not answered) at enterprises the staff member covers. */
  count: number
  /** Of those, past their deadline. */
  overdue: number
  /** One line per check-in, e.g. "瓯海示例鞋业有限公司（演示）：日管控（11月24日）未反馈，已逾期". */
  lines: string[]
}

/**
 * For the staff daily digest: today's check-ins (the day of `day`, Asia/Shanghai) that the enterprises `staff`
 * covers (the same coverage as binding requests and missed check-ins: coveringStaffOf) have not answered. Daily
 * check-ins of that day, and weekly or monthly ones still within their deadline or missed on that day.
 */
export async function checkinDigestSection(
  deps: Pick<CoreDeps, 'db'>,
  staff: StaffView,
  day: Date,
): Promise<CheckinDigestSection> {
  return (await checkinDigestSections(deps, day)).get(staff.id) ?? EMPTY
}

const EMPTY: CheckinDigestSection = { count: 0, overdue: 0, lines: [] }

/**
 * The same for every staff member at once (a digest run for all staff reads the check-ins, enterprises and staff
 * once): staff id → section, only for staff with something open.
 */
export async function checkinDigestSections(
  deps: Pick<CoreDeps, 'db'>,
  day: Date,
): Promise<Map<number, CheckinDigestSection>> {
  const date = shanghaiDate(day)
  const rows = await deps.db.dutyCheckin.findMany({
    where: { status: { in: ['pending', 'missed'] }, createdAt: { lte: day } },
    orderBy: [{ enterpriseId: 'asc' }, { id: 'asc' }],
  })
  const today = rows.filter((r) => (r.kind === 'daily' ? r.period === date : shanghaiDate(r.dueAt) >= date))
  const sections = new Map<number, CheckinDigestSection>()
  if (!today.length) return sections
  const enterprises = await deps.db.enterprise.findMany({
    where: { id: { in: [...new Set(today.map((r) => r.enterpriseId))] } },
    select: { id: true, name: true, industry: true, town: true },
  })
  const all = await listActiveStaff(deps.db)
  const byEnterprise = new Map(enterprises.map((e) => [e.id, { name: e.name, staff: coveringStaffOf(all, e) }]))
  for (const r of today) {
    const enterprise = byEnterprise.get(r.enterpriseId)
    if (!enterprise) continue
    const overdue = r.status === 'missed' || r.dueAt <= day
    const late = overdue ? '，已逾期' : ''
    const line = `${enterprise.name}：${kindLabel(r.kind)}（${periodLabel(r.kind, r.period)}）未反馈${late}`
    for (const s of enterprise.staff) {
      const section = sections.get(s.id) ?? { count: 0, overdue: 0, lines: [] }
      section.count++
      if (overdue) section.overdue++
      section.lines.push(line)
      sections.set(s.id, section)
    }
  }
  return sections
}
