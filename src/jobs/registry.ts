// THE schedule: the core's own jobs here, then every feature's jobs in the order of the feature list
// (src/features/index.ts). wrangler.toml's [triggers] crons mirror it (in UTC), and a test keeps the two in step.
// Later waves add the digests (日管控/周排查/月调度) and alerts as jobs of their features.
import { retryFailedEvents } from '../bot/pipeline.ts'
import type { Job } from './job.ts'

/** Jobs of the core, whatever features there are: the sweeps that make sure nothing stored is left behind. */
export const CORE_JOBS: readonly Job[] = [
  {
    name: 'outbox-sweep',
    cron: '* * * * *',
    description: 'deliver outbox messages whose retry time has come',
    run: (deps) => deps.outbox.drain(),
  },
  {
    name: 'inbound-retry',
    cron: '* * * * *',
    description: 'process again inbound events whose processing failed',
    run: (deps) => retryFailedEvents(deps),
  },
]

/** The whole schedule. Job names key the once-per-period lock (JobRun), so two jobs may not share one. */
export function jobsOf(features: readonly { jobs?: readonly Job[] }[]): Job[] {
  const jobs = [...CORE_JOBS, ...features.flatMap((feature) => feature.jobs ?? [])]
  const seen = new Set<string>()
  for (const job of jobs) {
    if (seen.has(job.name)) throw new Error(`two jobs named ${job.name}`)
    seen.add(job.name)
  }
  return jobs
}
