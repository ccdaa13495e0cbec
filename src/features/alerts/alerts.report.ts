// The monthly report's 风险预警 sheet: every alert sent in the month with its audience and receipts (已知悉,
// 需要帮助, none yet) and the receipt rate — the figures staff see in "最近有什么预警", for the month.
import type { ReportSheet } from '../../export/report-sheet.ts'
import { formatDate } from '../enterprises/dates.ts'
import { monthRange } from '../tickets/satisfaction.ts'
import { alertNumber } from './alert.repo.ts'
import { receiptCounts } from './receipt-counts.ts'

export const alertsReportSheet: ReportSheet = {
  name: '风险预警',
  async build(db, month) {
    const { from, to } = monthRange(month)
    const alerts = await db.alert.findMany({
      where: { status: 'sent', sentAt: { gte: from, lt: to } },
      orderBy: { sentAt: 'asc' },
    })
    const countsOf = await receiptCounts(
      db,
      alerts.map((a) => a.id),
    )
    const rows = alerts.map((a) => {
      const c = countsOf(a.id)
      return [
        alertNumber(a.id),
        a.title,
        a.level,
        a.source,
        a.sentAt ? formatDate(a.sentAt) : null,
        c.total,
        c.acknowledged,
        c.needsHelp,
        c.none,
        c.rate,
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
