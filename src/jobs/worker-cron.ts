// Workers: a cron trigger fires with its (UTC) expression; run every registry job that maps to it.
import type { CoreDeps } from '../deps.ts'
import { toUtcCron } from './cron-utc.ts'
import type { Job } from './job.ts'
import { runJobOnce } from './run-job.ts'

export async function runCronTrigger(deps: CoreDeps, jobs: Job[], cron: string, firedAt: Date) {
  const due = jobs.filter((job) => toUtcCron(job.cron) === cron)
  if (!due.length) deps.log.warn('cron trigger matches no job', { cron })
  return Promise.all(due.map((job) => runJobOnce(deps, job, firedAt)))
}
