// One reminder before the deadline to the audience enterprises that have not answered (24 hours before it, or
// half-way when the window is shorter than two days), and after the deadline one card to each 质量管家 naming
// their enterprises that still have not. Each step is claimed on the alert first (remindedAt / escalatedAt), so a
// job that runs twice, or on two instances, does it once.

import { bulkTargetOf } from '../../db/bulk-insert.ts'
import type { CoreDeps } from '../../deps.ts'
import { enqueueMessagesInBulk } from '../../outbox/outbox.bulk.ts'
import { enqueueMessage } from '../../outbox/outbox.repo.ts'
import { formatTime } from '../enterprises/dates.ts'
import { staffForEnterprise } from '../enterprises/staff-routing.ts'
import { addressOf } from '../people/addresses.ts'
import { alertEscalationCard } from './alert.card-defs.ts'
import { alertSubject, renderNotice } from './alert.cards.ts'
import { type AlertRow, toAlert } from './alert.repo.ts'
import { resolveAudience } from './audience.ts'
import { inChunks } from './chunks.ts'

const DAY_MS = 24 * 3600_000

export function reminderDue(alert: Pick<AlertRow, 'sentAt' | 'receiptDue'>): Date {
  const sent = (alert.sentAt ?? alert.receiptDue).getTime()
  const due = alert.receiptDue.getTime()
  return new Date(Math.max(due - DAY_MS, sent + (due - sent) / 2))
}

async function pendingOf(deps: CoreDeps, alertId: number) {
  const rows = await deps.db.alertRecipient.findMany({
    where: { alertId, receipt: null },
    select: { enterpriseId: true },
  })
  return new Set(rows.map((r) => r.enterpriseId))
}

export async function sendReminders(deps: CoreDeps, now: Date): Promise<number> {
  const rows = await deps.db.alert.findMany({ where: { status: 'sent', remindedAt: null, receiptDue: { gt: now } } })
  let sent = 0
  for (const row of rows.map(toAlert)) {
    if (now < reminderDue(row)) continue
    const pending = await pendingOf(deps, row.id)
    const all = await deps.db.alertRecipient.findMany({ where: { alertId: row.id }, select: { enterpriseId: true } })
    const codes = await inChunks(
      all.map((r) => r.enterpriseId),
      (slice) => deps.db.enterprise.findMany({ where: { id: { in: slice } }, select: { creditCode: true } }),
    )
    const audience = await resolveAudience(
      deps,
      { industries: [], products: [], towns: [], creditCodes: codes.map((c) => c.creditCode) },
      row.publisherPlatform,
    )
    const reminder = `提醒：贵企业尚未回执，请于 ${formatTime(row.receiptDue)} 前点击“已知悉”；如需协助请点击“需要帮助”。`
    const messages = [...audience.groups, ...audience.contacts]
      .filter((route) => route.enterpriseIds.some((id) => pending.has(id)))
      .map((route) => ({
        address: route.address,
        body: {
          kind: 'card' as const,
          card: renderNotice(row, alertSubject.notice(row.id, route.enterpriseIds), { reminder }),
        },
      }))
    await deps.db.$transaction(async (tx) => {
      const { count } = await tx.alert.updateMany({
        where: { id: row.id, remindedAt: null },
        data: { remindedAt: now },
      })
      if (count) await enqueueMessagesInBulk(tx, bulkTargetOf(deps.config.env.DATABASE_URL), messages, now)
      if (count) sent += messages.length
    })
  }
  if (sent) deps.outbox.kick()
  return sent
}

export async function escalateSilent(deps: CoreDeps, now: Date): Promise<number> {
  const rows = await deps.db.alert.findMany({ where: { status: 'sent', escalatedAt: null, receiptDue: { lte: now } } })
  let told = 0
  for (const alert of rows.map(toAlert)) {
    const pending = await pendingOf(deps, alert.id)
    const enterprises = (
      await inChunks([...pending], (slice) =>
        deps.db.enterprise.findMany({
          where: { id: { in: slice } },
          select: { id: true, name: true, industry: true, town: true },
        }),
      )
    ).sort((x, y) => x.id - y.id)
    const byStaff = new Map<
      number,
      { staff: Awaited<ReturnType<typeof staffForEnterprise>>[number]; names: string[] }
    >()
    for (const e of enterprises) {
      for (const s of await staffForEnterprise(deps.db, e)) {
        const entry = byStaff.get(s.id) ?? { staff: s, names: [] }
        entry.names.push(e.name)
        byStaff.set(s.id, entry)
      }
    }
    await deps.db.$transaction(async (tx) => {
      const { count } = await tx.alert.updateMany({
        where: { id: alert.id, escalatedAt: null },
        data: { escalatedAt: now },
      })
      if (!count) return
      for (const { staff, names } of byStaff.values()) {
        const address = addressOf(staff, { preferred: alert.publisherPlatform, ports: deps.ports })
        if (!address) continue
        const card = alertEscalationCard({
          alertId: alert.id,
          title: alert.title,
          due: formatTime(alert.receiptDue),
          items: names.map((name) => ({ name })),
        })
        await enqueueMessage(tx, {
          address,
          body: { kind: 'card', card: { ...card, subject: `alert:${alert.id}:escalation` } },
          dedupeKey: `alert:${alert.id}:escalation:${staff.id}`,
        })
        told += 1
      }
    })
  }
  if (told) deps.outbox.kick()
  return told
}
