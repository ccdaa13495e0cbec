// A scheduled job: defined by its feature or the core (registry.ts), driven by node-schedule on Node and by cron
// triggers on Workers, and by hand with `npm run jobs -- run <name>`.
import type { CoreDeps } from '../deps.ts'

export const JOB_TIME_ZONE = 'Asia/Shanghai'

/**
 * The unit a job runs once in (src/jobs/period.ts), in Asia/Shanghai: every firing in the same period after the
 * first does nothing. Sweeps that fire every minute use `minute`; a morning digest `day`; a Monday summary `week`.
 */
export type JobPeriod = 'minute' | 'day' | 'week' | 'month'

/** How a run was started: by the schedule, by the start-up catch-up, or by hand (`npm run jobs -- run`). */
export type JobTrigger = 'schedule' | 'catch_up' | 'manual'

export interface JobContext {
  /** The period being run (its key, e.g. `2026-12-03`). */
  period: string
  trigger: JobTrigger
}

/** What a run did. A job that returns a number reports it as `sent`. */
export interface JobReport {
  sent: number
  skipped: number
  /** One line for the operator (e.g. "not a working day"). */
  note?: string
}

export interface Job {
  name: string
  /** Five-field cron in Asia/Shanghai time (wrangler.toml mirrors it in UTC, src/jobs/cron-utc.ts). */
  cron: string
  /** Default `minute`. */
  period?: JobPeriod
  /**
   * At start-up, run the latest firing missed while no instance was up, once, if it still belongs to the current
   * period (a morning digest missed at 08:30 goes out at 09:10; yesterday's is not sent today).
   */
  catchUp?: boolean
  description: string
  run(deps: CoreDeps, now: Date, context: JobContext): Promise<JobReport | number | undefined | unknown>
}
