// Receipts: 已知悉 / 需要帮助 on an alert card, one per audience enterprise, recorded with who and when. The
// clicker's enterprise comes from their verified binding, never from the button: a contact of an enterprise outside
// the audience (or nobody's contact) is refused and nothing changes. The write is conditional (only a missing
// receipt is set, only a missing ticket is claimed), so replayed, duplicate or concurrent clicks record one receipt.
// 需要帮助 opens a ticket linked to the alert. The publisher's summary is marked for the next coalesced redraw.
import type { Actor, ChatRef } from '../../bot/types.ts'
import type { CoreDeps } from '../../deps.ts'
import { findContact } from '../enterprises/contact.repo.ts'
import { formatTime } from '../enterprises/dates.ts'
import { openTicket } from '../tickets/ticket.open.ts'
import { type AlertRow, alertNumber, findAlert } from './alert.repo.ts'
import { HELP_CATEGORY } from './alert.schema.ts'

export type ReceiptKind = 'acknowledged' | 'needs_help'

export type ReceiptOutcome =
  | { ok: true; alert: AlertRow; receipt: string; message: string }
  | { ok: false; reason: 'not_found' | 'not_in_audience' | 'not_open'; message: string; alert?: AlertRow }
  | { ok: true; alert: AlertRow; receipt: string; message: string; already: true }

export const receiptText = (kind: string, name: string | null, at: Date, ticket?: string | null) =>
  `贵企业已回执：${kind === 'needs_help' ? '需要帮助' : '已知悉'}（${name ?? '企业联系人'}，${formatTime(at)}）${
    ticket ? `，服务工单 ${ticket}` : ''
  }`

export async function recordReceipt(
  deps: CoreDeps,
  input: { alertId: number; operator: Actor; chat: ChatRef; kind: ReceiptKind },
): Promise<ReceiptOutcome> {
  const alert = await findAlert(deps.db, input.alertId)
  if (!alert) return { ok: false, reason: 'not_found', message: '未找到该预警。' }
  if (alert.status !== 'sent') return { ok: false, reason: 'not_open', alert, message: '该预警未发出，无需回执。' }
  const contact = await findContact(deps.db, input.operator.platform, input.operator.userId)
  const recipient = contact?.enterpriseId
    ? await deps.db.alertRecipient.findUnique({
        where: { alertId_enterpriseId: { alertId: alert.id, enterpriseId: contact.enterpriseId } },
      })
    : null
  if (!contact || !recipient) {
    return {
      ok: false,
      reason: 'not_in_audience',
      alert,
      message: '该预警不涉及您绑定的企业，无需回执。如有疑问请联系质量管家。',
    }
  }
  const now = deps.clock.now()
  const who = { receiptBy: `contact:${contact.id}`, receiptName: contact.name ?? input.operator.name ?? null }
  // 需要帮助 may follow 已知悉 (the enterprise found it needs help after all); nothing follows 需要帮助.
  const { count } = await deps.db.alertRecipient.updateMany({
    where: {
      id: recipient.id,
      ...(input.kind === 'needs_help' ? { OR: [{ receipt: null }, { receipt: 'acknowledged' }] } : { receipt: null }),
    },
    data: { receipt: input.kind, ...who, receiptAt: now },
  })
  if (count === 0) {
    const current = await deps.db.alertRecipient.findUniqueOrThrow({ where: { id: recipient.id } })
    const ticket = current.ticketId ? await deps.db.ticket.findUnique({ where: { id: current.ticketId } }) : null
    const receipt = receiptText(current.receipt ?? '', current.receiptName, current.receiptAt ?? now, ticket?.number)
    return { ok: true, already: true, alert, receipt, message: '贵企业已回执，无需重复操作。' }
  }
  await deps.db.alert.update({ where: { id: alert.id }, data: { summaryDirty: true } })
  let ticketNumber: string | null = null
  if (input.kind === 'needs_help') {
    const opened = await openTicket(deps, {
      actor: input.operator,
      chat: input.chat,
      category: HELP_CATEGORY[alert.source],
      description: `【预警求助】企业就预警 ${alertNumber(alert.id)}“${alert.title}”点击了“需要帮助”，请尽快联系企业了解情况并协助处置。`,
      phone: '',
    })
    ticketNumber = opened.ticket.number
    await deps.db.alertRecipient.update({ where: { id: recipient.id }, data: { ticketId: opened.ticket.id } })
  }
  deps.log.info('alert receipt', { alert: alert.id, enterpriseId: recipient.enterpriseId, kind: input.kind })
  const message =
    input.kind === 'needs_help'
      ? `已收到，已为贵企业创建服务工单 ${ticketNumber}，质量管家会尽快与您联系。`
      : '已回执“已知悉”，感谢配合！'
  return { ok: true, alert, receipt: receiptText(input.kind, who.receiptName, now, ticketNumber), message }
}
