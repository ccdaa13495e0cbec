// Node: node-schedule fires each job at its cron in Asia/Shanghai; runJobOnce makes it once per period.
import schedule from 'node-schedule'
import type { CoreDeps } from '../deps.ts'
import { JOB_TIME_ZONE, type Job } from './job.ts'
import { runJobOnce } from './run-job.ts'

export function startNodeScheduler(deps: CoreDeps, jobs: Job[]) {
  const scheduled = jobs.map((job) =>
    schedule.scheduleJob({ rule: job.cron, tz: JOB_TIME_ZONE }, (firedAt) => {
      void runJobOnce(deps, job, firedAt ?? deps.clock.now())
    }),
  )
  return {
    stop() {
      for (const s of scheduled) s?.cancel()
    },
  }
}
