// Node: node-schedule fires each job at its cron in Asia/Shanghai; runJob makes it once per period; catchUp runs
// the firings missed while the bot was down, once, at start-up.
import schedule from 'node-schedule'
import type { CoreDeps } from '../deps.ts'
import { catchUpMissedJobs } from './catch-up.ts'
import { JOB_TIME_ZONE, type Job } from './job.ts'
import { runJob } from './run-job.ts'

export function startNodeScheduler(deps: CoreDeps, jobs: Job[]) {
  const scheduled = jobs.map((job) =>
    schedule.scheduleJob({ rule: job.cron, tz: JOB_TIME_ZONE }, (firedAt) => {
      runJob(deps, job, firedAt ?? deps.clock.now()).catch((error) =>
        deps.log.error('job not run', { job: job.name, error }),
      )
    }),
  )
  return {
    /** Runs what was missed while no instance was up (catch-up.ts): call once at start-up, after stranded claims
     * were taken back, so a run cut short by the previous process is found. */
    catchUp: () => catchUpMissedJobs(deps, jobs),
    stop() {
      for (const s of scheduled) s?.cancel()
    },
  }
}
