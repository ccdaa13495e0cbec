// Sending a confirmed (and, for 严重, approved) alert: the audience is resolved again at this moment, each
// audience enterprise gets its receipt row, each route one card, each covering 质量管家 one copy, and the publisher
// the live summary card — all written in the transaction that marks the alert sent, so it is sent once or not at all.
// Rows are written with multi-row INSERTs (src/db/bulk-insert.ts), and the card is rendered once for all copies.

import { bulkTargetOf, insertRows } from '../../db/bulk-insert.ts'
import type { Tx } from '../../db/client.ts'
import type { CoreDeps } from '../../deps.ts'
import { enqueueMessagesInBulk } from '../../outbox/outbox.bulk.ts'
import { type EnqueueInput, enqueueMessage } from '../../outbox/outbox.repo.ts'
import { addressOf } from '../people/addresses.ts'
import { findStaff } from '../staff/staff.repo.ts'
import { type AudienceCounts, alertSubject, renderNotice, renderStaffNotice, renderSummary } from './alert.cards.ts'
import type { AlertRow } from './alert.repo.ts'
import { type ResolvedAudience, resolveAudience } from './audience.ts'

export interface FanOutResult {
  enterprises: number
  messages: number
  counts: AudienceCounts
}

export async function fanOut(deps: CoreDeps, tx: Tx, alert: AlertRow): Promise<FanOutResult> {
  const audience = await resolveAudience({ db: tx, ports: deps.ports }, alert.audience, alert.publisherPlatform)
  if (!audience.enterprises.length) return { enterprises: 0, messages: 0, counts: emptyCounts }
  const provider = bulkTargetOf(deps.config.env.DATABASE_URL)
  const recipients = audience.enterprises.map((e) => [alert.id, e.id])
  await insertRows(tx, provider, 'AlertRecipient', ['alertId', 'enterpriseId'], recipients)
  const messages = noticeMessages(alert, audience)
  await enqueueMessagesInBulk(tx, provider, messages, deps.clock.now())
  const publisher = await findStaff(tx, alert.publisherId)
  const address = publisher ? addressOf(publisher, { preferred: alert.publisherPlatform, ports: deps.ports }) : null
  if (address) {
    const counts = { enterprises: audience.enterprises.length, delivered: 0, acknowledged: 0, needsHelp: 0 }
    await enqueueMessage(tx, {
      address,
      body: { kind: 'card', card: renderSummary(alert, { ...counts, helpLines: [] }, deps.clock.now()) },
      dedupeKey: `${alertSubject.summary(alert.id)}:1`,
    })
  }
  return { enterprises: audience.enterprises.length, messages: messages.length, counts: countsOf(audience) }
}

const emptyCounts: AudienceCounts = {
  enterprises: 0,
  contacts: 0,
  groups: 0,
  staff: 0,
  leads: 0,
  unreachable: 0,
  unknownCodes: [],
}

/** What the publisher is shown before confirming, and what the fan-out reached. */
export const countsOf = (audience: ResolvedAudience): AudienceCounts => ({
  enterprises: audience.enterprises.length,
  contacts: audience.contacts.length,
  groups: audience.groups.length,
  staff: audience.staff.length,
  leads: audience.leads.length,
  unreachable: unreachable(audience),
  unknownCodes: audience.unknownCodes,
})

/** One card per route: groups and contacts get the notice with receipt buttons, covering staff their copy. */
export function noticeMessages(alert: AlertRow, audience: ResolvedAudience): EnqueueInput[] {
  const out: EnqueueInput[] = []
  // One rendering; each copy only names the enterprises it speaks to.
  const notice = renderNotice(alert, alertSubject.notice(alert.id, []))
  for (const route of [...audience.groups, ...audience.contacts]) {
    const card = { ...notice, subject: alertSubject.notice(alert.id, route.enterpriseIds) }
    out.push({ address: route.address, body: { kind: 'card', card } })
  }
  for (const s of audience.staff) {
    out.push({ address: s.address, body: { kind: 'card', card: renderStaffNotice(alert, s.enterprises) } })
  }
  for (const s of audience.leads) {
    out.push({ address: s.address, body: { kind: 'card', card: renderStaffNotice(alert, s.enterprises, 'lead') } })
  }
  return out
}

/** Audience enterprises no route reaches (no bound contact on a platform that is on, no group of their own). */
export function unreachable(audience: ResolvedAudience): number {
  const reached = new Set([...audience.groups, ...audience.contacts].flatMap((r) => r.enterpriseIds))
  return audience.enterprises.filter((e) => !reached.has(e.id)).length
}
