// At start-up: a job whose latest firing was missed while no instance was up (or whose run was cut short by a
// stop) runs once now, if that firing still belongs to the current period. Only the latest firing counts: a
// bot down for a week sends one digest when it comes back, not five, and never yesterday's.
import type { CoreDeps } from '../deps.ts'
import { previousFiring } from './cron-match.ts'
import type { Job } from './job.ts'
import { periodKey } from './period.ts'
import { type JobOutcome, runJob } from './run-job.ts'

export async function catchUpMissedJobs(deps: CoreDeps, jobs: readonly Job[]): Promise<JobOutcome[]> {
  const now = deps.clock.now()
  const outcomes: JobOutcome[] = []
  for (const job of jobs) {
    if (!job.catchUp) continue
    const last = previousFiring(job.cron, now)
    const period = job.period ?? 'minute'
    if (!last || periodKey(period, last) !== periodKey(period, now)) continue
    try {
      const outcome = await runJob(deps, job, last, 'catch_up')
      if (outcome.ran) deps.log.info('missed job caught up', { job: job.name, period: outcome.period })
      outcomes.push(outcome)
    } catch (error) {
      deps.log.error('catch-up failed', { job: job.name, error })
    }
  }
  return outcomes
}
