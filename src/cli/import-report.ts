// How `npm run import` prints a report: the counts, every row error, then the changes.
import type { ImportReport } from '../import/run.ts'

const ACTIONS = { create: '新增', update: '更新', unchanged: '无变化' } as const

export function printReport(report: ImportReport, apply: boolean) {
  const say = (line = '') => console.log(line)
  say(
    `${report.label}：共 ${report.rows} 行；新增 ${report.created}，更新 ${report.updated}，无变化 ${report.unchanged}，错误 ${report.errors.length}`,
  )
  for (const e of report.errors) say(`  第 ${e.row} 行 ${e.column ? `【${e.column}】` : ''}${e.reason}`)
  for (const c of report.changes.filter((c) => c.action !== 'unchanged'))
    say(`  第 ${c.row} 行 ${ACTIONS[c.action]}：${c.label}`)
  for (const note of report.notes) say(note)
  if (report.applied) say('已写入。')
  else if (report.errors.length)
    say(apply ? '有错误，未写入任何数据。请修改后重新导入。' : '以上为预览，有错误需先修改。')
  else if (report.created + report.updated === 0) say('没有需要写入的变化。')
  else say('以上为预览，未写入。确认无误后加 --apply 写入。')
}
