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
  const date = shanghaiDate(day)
  const rows = await deps.db.dutyCheckin.findMany({
    where: { status: { in: ['pending', 'missed'] }, createdAt: { lte: day } },
    orderBy: [{ enterpriseId: 'asc' }, { id: 'asc' }],
  })
  const today = rows.filter((r) => (r.kind === 'daily' ? r.period === date : shanghaiDate(r.dueAt) >= date))
  if (!today.length) return { count: 0, overdue: 0, lines: [] }
  const enterprises = await deps.db.enterprise.findMany({
    where: { id: { in: [...new Set(today.map((r) => r.enterpriseId))] } },
    select: { id: true, name: true, industry: true, town: true },
  })
  const all = await listActiveStaff(deps.db)
  const covered = new Map(
    enterprises.filter((e) => coveringStaffOf(all, e).some((s) => s.id === staff.id)).map((e) => [e.id, e.name]),
  )
  const mine = today.filter((r) => covered.has(r.enterpriseId))
  const overdue = mine.filter((r) => r.status === 'missed' || r.dueAt <= day)
  return {
    count: mine.length,
    overdue: overdue.length,
    lines: mine.map(
      (r) =>
        `${covered.get(r.enterpriseId)}：${kindLabel(r.kind)}（${periodLabel(r.kind, r.period)}）未反馈` +
        (overdue.includes(r) ? '，已逾期' : ''),
    ),
  }
}
