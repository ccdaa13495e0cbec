// The monthly report's 目标进展 sheet: each of the plan's targets (二、主要目标) in its own words, the goal, where it
// stood for the month and on what basis. A month the monthly card already reported reads its snapshot (the figure
// the officials saw); the current month reads the records now, and says so.
import type { ReportSheet } from '../../export/report-sheet.ts'
import { allProgress, BASIS_LABELS } from './progress.ts'

export const targetsReportSheet: ReportSheet = {
  name: '目标进展',
  async build(db, month) {
    const snapshots = await db.targetSnapshot.findMany({ where: { month } })
    const snapshot = new Map(snapshots.map((s) => [s.target, s.value]))
    const rows = (await allProgress(db)).map((p, i) => {
      const kept = snapshot.get(p.target.code)
      const value = kept ?? p.value
      // A snapshot's figure came from records or from staff's figures, by the target's kind, whatever stands now.
      const basis =
        kept === undefined
          ? `${BASIS_LABELS[p.basis]}（截至导出时）`
          : `${p.target.source.kind === 'recorded' ? BASIS_LABELS.recorded : BASIS_LABELS.records}（月调度快照）`
      return [i + 1, p.target.wording, `${p.target.goal}${p.target.unit}`, value, value / p.target.goal, basis]
    })
    return {
      title: `${month} 质量强企千百行动目标进展（方案二、主要目标）`,
      header: ['序号', '目标（方案原文）', '目标值', '进展', '完成度', '依据'],
      rows,
      percentColumns: [4],
      empty: '没有配置目标。',
    }
  },
}
