// Alerts in the database: the row as features read it (audience parsed), and the status changes, each guarded by
// the version the card showed so two clicks cannot both move an alert.
import type { DbOrTx } from '../../db/client.ts'
import {
  type AlertDraft,
  type AlertLevel,
  type AlertSource,
  type AudienceCriteria,
  audienceSchema,
} from './alert.schema.ts'

export type AlertStatus = 'draft' | 'pending_approval' | 'sent' | 'rejected' | 'cancelled'

export interface AlertRow {
  id: number
  title: string
  level: AlertLevel
  source: AlertSource
  audience: AudienceCriteria
  action: string
  receiptDue: Date
  status: AlertStatus
  publisherId: number
  publisherPlatform: string
  approvalDepartment: string | null
  decidedBy: string | null
  decidedAt: Date | null
  sentAt: Date | null
  remindedAt: Date | null
  escalatedAt: Date | null
  summaryDirty: boolean
  version: number
  createdAt: Date
}

type Stored = Omit<AlertRow, 'audience' | 'level' | 'source' | 'status'> & {
  audience: string
  level: string
  source: string
  status: string
}

export const toAlert = (row: Stored): AlertRow => ({
  ...row,
  level: row.level as AlertLevel,
  source: row.source as AlertSource,
  status: row.status as AlertStatus,
  audience: audienceSchema.parse(JSON.parse(row.audience)),
})

export async function createDraft(
  db: DbOrTx,
  draft: AlertDraft,
  publisher: { id: number; department: string },
  platform: string,
  now: Date,
): Promise<AlertRow> {
  const row = await db.alert.create({
    data: {
      title: draft.title,
      level: draft.level,
      source: draft.source,
      audience: JSON.stringify(draft.audience),
      action: draft.action,
      receiptDue: draft.receiptDue,
      publisherId: publisher.id,
      publisherPlatform: platform,
      approvalDepartment: draft.level === '严重' ? publisher.department : null,
      createdAt: now,
    },
  })
  return toAlert(row)
}

export async function findAlert(db: DbOrTx, id: number): Promise<AlertRow | null> {
  const row = await db.alert.findUnique({ where: { id } })
  return row ? toAlert(row) : null
}

/** Moves an alert from the version the card showed; null when it moved already (stale or concurrent click). */
export async function moveAlert(
  db: DbOrTx,
  alert: AlertRow,
  version: number,
  to: AlertStatus,
  extra: { decidedBy?: string; decidedAt?: Date; sentAt?: Date } = {},
): Promise<AlertRow | null> {
  const { count } = await db.alert.updateMany({
    where: { id: alert.id, version, status: alert.status },
    data: { status: to, version: version + 1, ...extra },
  })
  return count ? findAlert(db, alert.id) : null
}

export const alertNumber = (id: number) => `YJ-${id}`
