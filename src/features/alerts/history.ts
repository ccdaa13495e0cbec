// "最近有什么预警": an enterprise contact sees the alerts sent to their own enterprise and its receipt; staff see
// the recent alerts with their receipt rates. Nobody sees another enterprise's receipts.
import type { HandlerResult, MessageHandler } from '../../bot/handler.ts'
import { text } from '../../bot/handler.ts'
import type { CoreDeps } from '../../deps.ts'
import { findContact } from '../enterprises/contact.repo.ts'
import { resolveStaff } from '../staff/staff.repo.ts'
import { shortTime } from '../tickets/time.ts'
import { alertListCard } from './alert.card-defs.ts'
import { alertNumber } from './alert.repo.ts'
import { receiptCounts } from './receipt-counts.ts'

const LIMIT = 10
const RECEIPT_LABEL: Record<string, string> = { acknowledged: '已知悉', needs_help: '已申请帮助' }

async function forEnterprise(deps: CoreDeps, enterpriseId: number): Promise<HandlerResult> {
  const rows = await deps.db.alertRecipient.findMany({
    where: { enterpriseId, alert: { status: 'sent' } },
    include: { alert: true },
    orderBy: { alertId: 'desc' },
    take: LIMIT,
  })
  const items = rows.map(({ alert, receipt }) => ({
    line: `**${alertNumber(alert.id)} ${alert.title}**（${alert.level} · ${alert.source} · ${shortTime(alert.sentAt ?? alert.createdAt)}）　${
      receipt ? RECEIPT_LABEL[receipt] : '未回执'
    }\n${alert.action}`,
  }))
  const card = alertListCard({
    title: '与贵企业相关的质量风险预警',
    items,
    empty: items.length ? undefined : '近期没有发送给贵企业的质量风险预警。',
    hint: '预警原卡片上可点击“已知悉”或“需要帮助”回执。',
  })
  return { intent: 'alert_history', replies: [{ kind: 'card', card }] }
}

async function forStaff(deps: CoreDeps): Promise<HandlerResult> {
  const alerts = await deps.db.alert.findMany({ where: { status: 'sent' }, orderBy: { id: 'desc' }, take: LIMIT })
  const countsOf = await receiptCounts(
    deps.db,
    alerts.map((a) => a.id),
  )
  const items = alerts.map((a) => {
    const c = countsOf(a.id)
    const rate = Math.round((c.rate ?? 0) * 100)
    return {
      line: `**${alertNumber(a.id)} ${a.title}**（${a.level} · ${shortTime(a.sentAt ?? a.createdAt)}）\n覆盖 ${c.total} 家，已知悉 ${c.acknowledged}，需要帮助 ${c.needsHelp}，回执率 ${rate}%`,
    }
  })
  const card = alertListCard({
    title: '近期质量风险预警及回执率',
    items,
    empty: items.length ? undefined : '近期没有已发出的预警。',
    hint: '发送“发布预警”可发布新的预警。',
  })
  return { intent: 'alert_history', replies: [{ kind: 'card', card }] }
}

export const alertHistoryHandler: MessageHandler = {
  intent: 'alert_history',
  async handle({ deps, event }) {
    if (await resolveStaff(deps.db, event.sender)) return forStaff(deps)
    const contact = await findContact(deps.db, event.sender.platform, event.sender.userId)
    if (contact?.enterpriseId) return forEnterprise(deps, contact.enterpriseId)
    return {
      intent: 'alert_history',
      replies: [text('预警按企业发送。您尚未绑定企业，发送“绑定企业”完成绑定后，可查看与贵企业相关的预警。')],
    }
  },
}
