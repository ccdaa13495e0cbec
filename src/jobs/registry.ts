// THE schedule: every job the bot runs, in one list. wrangler.toml's [triggers] crons mirror it (in UTC), and a
// test keeps the two in step. Later waves add the digests (日管控/周排查/月调度) and alerts here.
import { retryFailedEvents } from '../bot/pipeline.ts'
import { escalateOverdueTickets } from '../features/tickets/sla.job.ts'
import type { Job } from './job.ts'

export const JOBS: Job[] = [
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
  {
    name: 'ticket-sla',
    cron: '*/5 * * * *',
    description: 'escalate tickets past their first-response or resolution time to the officials, once',
    run: (deps, now) => escalateOverdueTickets(deps, now),
  },
]
