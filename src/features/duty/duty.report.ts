// The monthly report's 企业检查反馈 sheet: the month's 日管控 / 周排查 / 月调度 check-ins owed by enterprises, how many
// were answered (已完成, 有问题) and the rate — the same figures as the monthly card's check-in line.
import type { ReportSheet } from '../../export/report-sheet.ts'
import { checkinCompletion } from './checkin.rates.ts'

export const dutyReportSheet: ReportSheet = {
  name: '企业检查反馈',
  async build(db, month) {
    const kinds = await checkinCompletion(db, month)
    return {
      title: `${month} 企业日管控、周排查、月调度反馈情况`,
      header: ['检查类别', '应反馈', '已完成', '有问题', '未反馈', '反馈率'],
      rows: kinds.filter((k) => k.total > 0).map((k) => [k.label, k.total, k.done, k.problem, k.open, k.rate]),
      percentColumns: [5],
      empty: '本月没有应反馈的检查。',
    }
  },
}
