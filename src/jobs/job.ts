// A scheduled job: defined by its feature or the core (registry.ts), driven by node-schedule on Node and by cron triggers on Workers.
import type { CoreDeps } from '../deps.ts'

export const JOB_TIME_ZONE = 'Asia/Shanghai'

export interface Job {
  name: string
  /** Five-field cron in Asia/Shanghai time (wrangler.toml mirrors it in UTC). */
  cron: string
  description: string
  run(deps: CoreDeps, now: Date): Promise<unknown>
}
