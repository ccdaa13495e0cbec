// For the staff digest (and anything else that reports to a 质量管家): the alerts whose audience enterprises in a
// staff member's area have not answered. Pure reads; the digest decides when and how to show them.
import type { DbOrTx } from '../../db/client.ts'
import type { StaffView } from '../staff/staff.schema.ts'
import { alertNumber } from './alert.repo.ts'
import { covering } from './audience.ts'
import { inChunks } from './chunks.ts'

export interface SilentAlert {
  alertId: number
  number: string
  title: string
  level: string
  receiptDue: Date
  /** Enterprises in the staff member's area without a receipt. */
  enterprises: { id: number; name: string }[]
}

/**
 * Sent alerts with enterprises in `staff`'s area (the industries and towns they cover; an admin: all) that have
 * not answered, newest first. `since` limits to alerts sent after it.
 */
export async function alertsWithoutReceiptsFor(db: DbOrTx, staff: StaffView, since?: Date): Promise<SilentAlert[]> {
  return (await collectSilentAlerts(db, since))(staff)
}

/**
 * The same for many staff at once: the unanswered receipts and their enterprises are read once, and the returned
 * function answers for each staff member from memory (the digest asks it for every recipient).
 */
export async function collectSilentAlerts(db: DbOrTx, since?: Date): Promise<(staff: StaffView) => SilentAlert[]> {
  const rows = await db.alertRecipient.findMany({
    where: { receipt: null, alert: { status: 'sent', ...(since ? { sentAt: { gte: since } } : {}) } },
    include: { alert: true },
    orderBy: { alertId: 'desc' },
  })
  const enterprises = await inChunks([...new Set(rows.map((r) => r.enterpriseId))], (slice) =>
    db.enterprise.findMany({
      where: { id: { in: slice } },
      select: { id: true, name: true, industry: true, town: true },
    }),
  )
  return (staff) => {
    const mine = new Map(
      enterprises.filter((e) => staff.role === 'admin' || covering(staff, e)).map((e) => [e.id, e] as const),
    )
    const byAlert = new Map<number, SilentAlert>()
    for (const r of rows) {
      const e = mine.get(r.enterpriseId)
      if (!e) continue
      const entry = byAlert.get(r.alertId) ?? {
        alertId: r.alertId,
        number: alertNumber(r.alertId),
        title: r.alert.title,
        level: r.alert.level,
        receiptDue: r.alert.receiptDue,
        enterprises: [],
      }
      entry.enterprises.push({ id: e.id, name: e.name })
      byAlert.set(r.alertId, entry)
    }
    return [...byAlert.values()]
  }
}
