// Runs a job once per period, even with several instances: the first to insert (job, period) runs it.
import type { CoreDeps } from '../deps.ts'
import type { Job } from './job.ts'

/** The period a firing belongs to: its minute, so two instances firing the same minute share one key. */
export const periodOf = (at: Date) => at.toISOString().slice(0, 16)

export async function runJobOnce(deps: CoreDeps, job: Job, firedAt: Date): Promise<'ran' | 'skipped' | 'failed'> {
  const period = periodOf(firedAt)
  try {
    await deps.db.jobRun.create({ data: { job: job.name, period } })
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') return 'skipped'
    throw error
  }
  try {
    await job.run(deps, firedAt)
    await deps.db.jobRun.update({
      where: { job_period: { job: job.name, period } },
      data: { status: 'done', finishedAt: deps.clock.now() },
    })
    return 'ran'
  } catch (error) {
    deps.log.error('job failed', { job: job.name, period, error })
    await deps.db.jobRun.update({
      where: { job_period: { job: job.name, period } },
      data: {
        status: 'failed',
        finishedAt: deps.clock.now(),
        error: String((error as Error)?.message ?? error).slice(0, 500),
      },
    })
    return 'failed'
  }
}
