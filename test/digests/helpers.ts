// Running the daily digest now in a test server (real clock: signed callbacks carry real timestamps), on a
// calendar where today is a working day whatever day the tests run on, delivered at once (as `jobs run` does).
import type { CoreDeps } from '../../src/deps.ts'
import { runDigest } from '../../src/features/digests/digest.job.ts'
import { STAFF_DIGEST } from '../../src/features/digests/digest.specs.ts'
import { buildCalendar, shanghaiDate } from '../../src/features/tickets/working-hours.ts'
import { periodKey } from '../../src/jobs/period.ts'
import { ticket } from './fixtures.ts'

export async function digestNow(deps: CoreDeps) {
  const now = deps.clock.now()
  const calendar = buildCalendar({
    workingHours: [{ start: '08:30', end: '17:30' }],
    workdays: [shanghaiDate(now)],
  })
  const report = await runDigest(
    deps,
    STAFF_DIGEST,
    now,
    { period: periodKey('day', now), trigger: 'manual' },
    { calendar },
  )
  deps.outbox.kick()
  return report
}

/** An assigned ticket for `assignee` and one waiting for 认证检测科's approval, opened an hour ago. */
export async function workFor(deps: CoreDeps, assignee: string) {
  const staffId = (await deps.db.staff.findFirstOrThrow({ where: { name: assignee } })).id
  const opened = new Date(deps.clock.now().getTime() - 3600_000).toISOString()
  const assigned = await ticket(deps, { assigneeId: staffId, status: 'assigned', createdAt: opened })
  const approval = await ticket(deps, {
    category: 'fee_waiver',
    assigneeId: staffId,
    status: 'pending_approval',
    createdAt: opened,
    responded: true,
    approvalDepartment: '认证检测科',
  })
  return { assigned, approval }
}
