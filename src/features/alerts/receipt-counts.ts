// How many audience enterprises of each alert answered 已知悉 or 需要帮助 and how many have not yet: one grouped
// read for many alerts (the staff's "最近有什么预警" list, the monthly report's 风险预警 sheet).
import type { DbOrTx } from '../../db/client.ts'

export interface ReceiptCounts {
  total: number
  acknowledged: number
  needsHelp: number
  none: number
  /** Answered (either way) out of all, 0..1; null for an alert with no audience rows. */
  rate: number | null
}

export async function receiptCounts(db: DbOrTx, alertIds: number[]): Promise<(alertId: number) => ReceiptCounts> {
  const groups = await db.alertRecipient.groupBy({
    by: ['alertId', 'receipt'],
    where: { alertId: { in: alertIds } },
    _count: { _all: true },
  })
  return (alertId) => {
    const of = (receipt: string | null) =>
      groups.find((g) => g.alertId === alertId && g.receipt === receipt)?._count._all ?? 0
    const acknowledged = of('acknowledged')
    const needsHelp = of('needs_help')
    const none = of(null)
    const total = acknowledged + needsHelp + none
    return { total, acknowledged, needsHelp, none, rate: total ? (acknowledged + needsHelp) / total : null }
  }
}
