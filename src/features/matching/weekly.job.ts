// Monday morning: each 质量管家 with new 政策找企业 matches in their area in the past week gets one list. (When the
// staff digest exists it can show `newMatchesFor` instead, and this job can go.)
import type { CoreDeps } from '../../deps.ts'
import { enqueueMessage } from '../../outbox/outbox.repo.ts'
import { bundledRules } from '../eligibility/rules.bundle.ts'
import { addressOf } from '../people/addresses.ts'
import { listActiveStaff } from '../staff/staff.repo.ts'
import { shortTime } from '../tickets/time.ts'
import { policyWeeklyCard } from './matching.card.ts'
import { newMatchesFor } from './staff-hooks.ts'

const WEEK_MS = 7 * 24 * 3600_000

export function ruleTitle(ruleId: string, keys: string[]): string {
  const rules = bundledRules()
  if (ruleId.startsWith('loan:')) return `“${rules.loan.products.join('”“')}”增信荣誉`
  const p = rules.programmes.find((x) => `programme:${x.id}` === ruleId)
  const tier = keys[0]?.split(':')[1]
  return p ? (tier ? `${tier}级${p.title}` : p.title) : ruleId
}

export async function sendWeeklyMatches(deps: CoreDeps, now: Date): Promise<number> {
  const since = new Date(now.getTime() - WEEK_MS)
  let sent = 0
  for (const staff of await listActiveStaff(deps.db)) {
    if (staff.role === 'admin') continue
    const matches = await newMatchesFor(deps.db, staff, since)
    if (!matches.length) continue
    const address = addressOf(staff, { ports: deps.ports })
    if (!address) continue
    const card = policyWeeklyCard({
      period: `${shortTime(since).slice(0, 5)} 至 ${shortTime(now).slice(0, 5)}`,
      items: matches.map((m) => ({
        line: `**${m.enterprise}**：${m.rules.map((r) => ruleTitle(r.ruleId, r.keys)).join('；')}`,
      })),
    })
    await enqueueMessage(deps.db, {
      address,
      body: { kind: 'card', card },
      dedupeKey: `policy-weekly:${now.toISOString().slice(0, 10)}:${staff.id}`,
    })
    sent += 1
  }
  if (sent) deps.outbox.kick()
  return sent
}
