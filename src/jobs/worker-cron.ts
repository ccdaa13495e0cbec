// Workers: a cron trigger fires with its (UTC) expression; run every registry job that maps to it (toUtcCron,
// cron-utc.ts, is the one conversion). The period is taken from the firing time, read in Asia/Shanghai.
import type { CoreDeps } from '../deps.ts'
import { toUtcCron } from './cron-utc.ts'
import type { Job } from './job.ts'
import { type JobOutcome, runJob } from './run-job.ts'

export function jobsForTrigger(jobs: readonly Job[], cron: string): Job[] {
  return jobs.filter((job) => toUtcCron(job.cron) === cron)
}

export async function runCronTrigger(deps: CoreDeps, jobs: Job[], cron: string, firedAt: Date): Promise<JobOutcome[]> {
  const due = jobsForTrigger(jobs, cron)
  if (!due.length) deps.log.warn('cron trigger matches no job', { cron })
  return Promise.all(due.map((job) => runJob(deps, job, firedAt)))
}
