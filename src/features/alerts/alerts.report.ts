// The monthly report's 风险预警 sheet: every alert sent in the month with its audience and receipts (已知悉,
// 需要帮助, none yet) and the receipt rate — the figures staff see in "最近有什么预警", for the month.
import type { ReportSheet } from '../../export/report-sheet.ts'
import { monthRange } from '../tickets/satisfaction.ts'
import { alertNumber } from './alert.repo.ts'

const shanghaiDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10)

export const alertsReportSheet: ReportSheet = {
  name: '风险预警',
  async build(db, month) {
    const { from, to } = monthRange(month)
    const alerts = await db.alert.findMany({
      where: { status: 'sent', sentAt: { gte: from, lt: to } },
      orderBy: { sentAt: 'asc' },
    })
    const counts = await db.alertRecipient.groupBy({
      by: ['alertId', 'receipt'],
      where: { alertId: { in: alerts.map((a) => a.id) } },
      _count: { _all: true },
    })
    const of = (alertId: number, receipt: string | null) =>
      counts.find((c) => c.alertId === alertId && c.receipt === receipt)?._count._all ?? 0
    const rows = alerts.map((a) => {
      const ack = of(a.id, 'acknowledged')
      const help = of(a.id, 'needs_help')
      const none = of(a.id, null)
      const total = ack + help + none
      return [
        alertNumber(a.id),
        a.title,
        a.level,
        a.source,
        a.sentAt ? shanghaiDay(a.sentAt) : null,
        total,
        ack,
        help,
        none,
        total ? (ack + help) / total : null,
      ]
    })
    return {
      title: `${month} 质量风险预警与回执`,
      header: ['预警编号', '标题', '等级', '来源', '发出日期', '覆盖企业', '已知悉', '需要帮助', '未回执', '回执率'],
      rows,
      percentColumns: [9],
      empty: '本月没有发出的风险预警。',
    }
  },
}
