// Staff commands for the plan's targets: “目标进展” (where each target stands), “登记目标进展 序号 数值 [说明]”
// (a figure no enterprise record shows), and “月调度报告” (the monthly card, on demand).
import type { IntentRecognizer } from '../../bot/handler.ts'

const LIST = /^目标进展$/
const RECORD = /^(?:登记)?目标进展\s+(\S+)\s+(\S+)(?:\s+(.+))?$/
const MONTHLY = /^月调度报告$/

export const targetsRecognizer: IntentRecognizer = {
  name: 'targets',
  recognize(text) {
    const t = text.trim()
    if (LIST.test(t)) return { intent: 'targets.list', confidence: 1 }
    if (MONTHLY.test(t)) return { intent: 'targets.monthly', confidence: 1 }
    const record = RECORD.exec(t)
    if (record) {
      return {
        intent: 'targets.record',
        confidence: 1,
        data: { target: record[1], value: record[2], note: record[3] ?? '' },
      }
    }
    return null
  },
}
