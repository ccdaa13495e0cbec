// The `duty-checkins` job: on each working day, the check-ins owed that day (日管控; 周排查 on the week's first
// working day; 月调度 on the month's first) are created for every flagged enterprise and sent as cards to its
// 质量安全总监 and 质量安全员. Rows are unique per enterprise, kind and period and the messages carry dedupe keys,
// so running the job again for the same day sends nothing twice.
import type { CoreDeps } from '../../deps.ts'
import { enqueueMessage } from '../../outbox/outbox.repo.ts'
import { renderCheckinCard } from './checkin.card.ts'
import { contactAddress, dutyContacts, dutyEnterprises, ensureCheckin } from './checkin.repo.ts'
import { DUTY_CONFIG } from './duty.config.ts'
import { checkinsDue, dueAt } from './periods.ts'

export interface IssueResult {
  created: number
  sent: number
}

export async function issueCheckins(deps: CoreDeps, now: Date): Promise<IssueResult> {
  const due = checkinsDue(now)
  const result: IssueResult = { created: 0, sent: 0 }
  if (!due.length) return result
  for (const enterprise of await dutyEnterprises(deps.db)) {
    await deps.db.$transaction(async (tx) => {
      const contacts = await dutyContacts(tx, enterprise.id)
      for (const { kind, period } of due) {
        const { row, created } = await ensureCheckin(tx, {
          enterpriseId: enterprise.id,
          kind,
          period,
          dueAt: dueAt(now, DUTY_CONFIG.kinds[kind]),
          createdAt: now,
        })
        if (created) result.created++
        for (const contact of contacts) {
          const address = contactAddress(deps, contact)
          if (!address) continue
          const { cardId } = await enqueueMessage(tx, {
            address,
            body: { kind: 'card', card: renderCheckinCard(row, enterprise.name) },
            dedupeKey: `duty:${row.id}:sent:${contact.id}`,
          })
          if (cardId) result.sent++
        }
      }
    })
  }
  if (result.sent) deps.outbox.kick()
  deps.log.info('duty check-ins issued', { ...result })
  return result
}
