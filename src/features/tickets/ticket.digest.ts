// The tickets feature's contribution to staff digests (src/bot/digest.ts): daily, the person's open tickets,
// SLA clocks and approvals; weekly, the lead's department's last week.
import type { DigestContribution } from '../../bot/digest.ts'
import { collectDailyTickets } from './digest-daily.ts'
import { collectWeeklyTickets } from './digest-weekly.ts'

export const ticketsDigest: DigestContribution = {
  collect: (deps, run) => (run.kind === 'daily' ? collectDailyTickets(deps, run) : collectWeeklyTickets(deps, run)),
}
