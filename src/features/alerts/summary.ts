// The publisher's one live summary card (送达 / 已知悉 / 需要帮助 / 未回执). Receipts only mark the alert dirty; a
// minute job redraws each dirty (or still delivering) alert's card once and pushes it in place where the platform
// can, so a thousand receipts make at most one update a minute, never a message per receipt.
import type { CardModel } from '../../cards/model.ts'
import type { DbOrTx } from '../../db/client.ts'
import type { CoreDeps } from '../../deps.ts'
import { updateSentCard } from '../../outbox/outbox.repo.ts'
import { alertSubject, renderSummary, type SummaryCounts } from './alert.cards.ts'
import { type AlertRow, toAlert } from './alert.repo.ts'

/** Enterprises at least one of whose copies the platform accepted. */
async function deliveredEnterprises(db: DbOrTx, alertId: number): Promise<Set<number>> {
  const rows = await db.sentCard.findMany({
    where: { subject: { startsWith: alertSubject.noticePrefix(alertId) }, platformMessageId: { not: null } },
    select: { subject: true },
  })
  const ids = new Set<number>()
  for (const row of rows) {
    for (const id of (row.subject ?? '').slice(alertSubject.noticePrefix(alertId).length).split(',')) {
      if (id) ids.add(Number(id))
    }
  }
  return ids
}

export async function summaryCounts(db: DbOrTx, alert: AlertRow): Promise<SummaryCounts> {
  const recipients = await db.alertRecipient.findMany({
    where: { alertId: alert.id },
    select: { enterpriseId: true, receipt: true, ticketId: true },
  })
  const delivered = await deliveredEnterprises(db, alert.id)
  const help = recipients.filter((r) => r.receipt === 'needs_help')
  const names = await db.enterprise.findMany({
    where: { id: { in: help.slice(0, 5).map((r) => r.enterpriseId) } },
    select: { id: true, name: true },
  })
  const tickets = await db.ticket.findMany({
    where: { id: { in: help.slice(0, 5).flatMap((r) => (r.ticketId ? [r.ticketId] : [])) } },
    select: { id: true, number: true },
  })
  const helpLines = help.slice(0, 5).map((r) => {
    const name = names.find((n) => n.id === r.enterpriseId)?.name ?? `企业 ${r.enterpriseId}`
    const ticket = tickets.find((t) => t.id === r.ticketId)?.number
    return ticket ? `${name}（工单 ${ticket}）` : name
  })
  if (help.length > 5) helpLines.push(`等 ${help.length} 家`)
  return {
    enterprises: recipients.length,
    delivered: recipients.filter((r) => delivered.has(r.enterpriseId)).length,
    acknowledged: recipients.filter((r) => r.receipt === 'acknowledged').length,
    needsHelp: help.length,
    helpLines,
  }
}

/** What the counts show, without the "updated at" line: a redraw that changes only the time is not pushed. */
const look = (card: CardModel) => JSON.stringify([card.title, card.blocks.filter((b) => b.type !== 'note')])

/** Redraws the summary card of each alert that needs it; returns how many cards were updated. */
export async function refreshSummaries(deps: CoreDeps, now: Date): Promise<number> {
  const recent = new Date(now.getTime() - 24 * 3600_000)
  const rows = await deps.db.alert.findMany({
    where: { status: 'sent', OR: [{ summaryDirty: true }, { sentAt: { gte: recent } }] },
  })
  let updated = 0
  for (const row of rows) {
    const alert = toAlert(row)
    const card = renderSummary(alert, await summaryCounts(deps.db, alert), now)
    const copies = await deps.db.sentCard.findMany({ where: { subject: alertSubject.summary(alert.id) } })
    for (const copy of copies) {
      const current = JSON.parse(copy.model) as CardModel
      if (look(current) === look(card)) continue
      if (await updateSentCard(deps.db, copy.id, copy.version, card, { push: true })) updated += 1
    }
    if (alert.summaryDirty) await deps.db.alert.update({ where: { id: alert.id }, data: { summaryDirty: false } })
  }
  if (updated) deps.outbox.kick()
  return updated
}
