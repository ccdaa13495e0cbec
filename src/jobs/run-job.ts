// Runs a job once per period (period.ts), even with several instances or processes on one database: the first to
// insert (job, period) runs it. A `running` row whose owner (an incarnation, src/bot/incarnation.ts) has no live
// lease was left by an instance that died mid-run: the next firing, the start-up catch-up or a manual run takes it
// over and runs the period again (jobs are written to be safe to run again: their messages carry dedupe keys).
import { retryWhenBusy } from '../db/busy.ts'
import type { CoreDeps } from '../deps.ts'
import type { Job, JobReport, JobTrigger } from './job.ts'
import { periodKey } from './period.ts'

export interface JobOutcome {
  job: string
  period: string
  /** False when the period had run (or was running) already: nothing was done. */
  ran: boolean
  status: 'ran' | 'skipped' | 'failed'
  sent: number
  skipped: number
  note?: string
  error?: string
}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'P2002'

/** The report a job's return value stands for: a count is what it sent. */
export function toReport(value: unknown): JobReport {
  if (typeof value === 'number') return { sent: value, skipped: 0 }
  const report = value as Partial<JobReport> | undefined
  return { sent: report?.sent ?? 0, skipped: report?.skipped ?? 0, note: report?.note }
}

/** Claims (job, period): a new row, or a `running` row whose owner's lease has lapsed. */
async function claim(deps: CoreDeps, job: string, period: string): Promise<boolean> {
  await deps.incarnation.touch()
  const me = deps.incarnation.id
  try {
    await retryWhenBusy(() => deps.db.jobRun.create({ data: { job, period, claimedBy: me } }), { deadlineMs: 10_000 })
    return true
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
  }
  const row = await deps.db.jobRun.findUnique({ where: { job_period: { job, period } } })
  if (row?.status !== 'running' || row.claimedBy === me) return false
  // Leases run on the wall clock, never on a test's movable business clock (src/bot/incarnation.ts).
  const owner = row.claimedBy
    ? await deps.db.incarnation.findFirst({ where: { id: row.claimedBy, leaseUntil: { gt: new Date() } } })
    : null
  if (owner) return false
  const taken = await retryWhenBusy(
    () =>
      deps.db.jobRun.updateMany({
        where: { id: row.id, status: 'running', claimedBy: row.claimedBy },
        data: { claimedBy: me, startedAt: deps.clock.now() },
      }),
    { deadlineMs: 10_000 },
  )
  if (taken.count) deps.log.warn('job run taken over from a stopped instance', { job, period, from: row.claimedBy })
  return taken.count === 1
}

export async function runJob(
  deps: CoreDeps,
  job: Job,
  firedAt: Date,
  trigger: JobTrigger = 'schedule',
): Promise<JobOutcome> {
  const period = periodKey(job.period ?? 'minute', firedAt)
  const base = { job: job.name, period }
  if (!(await claim(deps, job.name, period))) return { ...base, ran: false, status: 'skipped', sent: 0, skipped: 0 }
  const finish = (data: Record<string, unknown>) =>
    retryWhenBusy(
      () =>
        deps.db.jobRun.update({
          where: { job_period: { job: job.name, period } },
          data: { ...data, finishedAt: deps.clock.now() },
        }),
      { deadlineMs: 30_000 },
    )
  try {
    const report = toReport(await job.run(deps, firedAt, { period, trigger }))
    await finish({ status: 'done', sent: report.sent, skipped: report.skipped })
    return { ...base, ran: true, status: 'ran', ...report }
  } catch (error) {
    const message = String((error as Error)?.message ?? error).slice(0, 500)
    deps.log.error('job failed', { job: job.name, period, error })
    await finish({ status: 'failed', error: message })
    return { ...base, ran: true, status: 'failed', sent: 0, skipped: 0, error: message }
  }
}

/** The scheduler's form: what happened, as one word. */
export async function runJobOnce(deps: CoreDeps, job: Job, firedAt: Date): Promise<'ran' | 'skipped' | 'failed'> {
  return (await runJob(deps, job, firedAt)).status
}
