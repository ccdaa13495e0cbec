// Recording a target's figure (a target no enterprise record shows): the one rule set the chat command
// 登记目标进展, the admin API and the console share. Who may record: any active staff member (the chat rule);
// what: a target the plan's list names whose source is `recorded`, a whole number from 0 to MAX_TARGET_VALUE.
import type { DbOrTx } from '../../db/client.ts'
import type { StaffView } from '../staff/staff.schema.ts'
import { findTarget, type PlanTarget } from './targets.config.ts'

export const MAX_TARGET_VALUE = 100_000
export const MAX_NOTE_LENGTH = 200

/** The chat rule: only active staff record progress. */
export const mayRecordProgress = (staff: StaffView | null | undefined): staff is StaffView => Boolean(staff?.active)

export interface LatestRecord {
  value: number
  note: string | null
  recordedBy: number
  recordedAt: Date
}

export type RecordOutcome =
  | { ok: true; target: PlanTarget; value: number; before: LatestRecord | null; after: LatestRecord }
  /** unknown: no such target; derived: counted from enterprise records; bad_value: not a whole number in range. */
  | { ok: false; field: 'target' | 'value'; reason: 'unknown' | 'derived' | 'bad_value'; target?: PlanTarget }

export async function latestRecord(db: DbOrTx, code: string): Promise<LatestRecord | null> {
  const row = await db.targetRecord.findFirst({ where: { target: code }, orderBy: { id: 'desc' } })
  return row && { value: row.value, note: row.note, recordedBy: row.recordedBy, recordedAt: row.recordedAt }
}

/** Checks the input and stores the figure; the caller has checked `mayRecordProgress`. */
export async function recordProgress(
  db: DbOrTx,
  input: { staffId: number; target: string; value: string | number; note?: string | null; at: Date },
): Promise<RecordOutcome> {
  const target = findTarget(String(input.target).trim())
  if (!target) return { ok: false, field: 'target', reason: 'unknown' }
  if (target.source.kind !== 'recorded') return { ok: false, field: 'target', reason: 'derived', target }
  const text = String(input.value).trim()
  const value = text === '' ? Number.NaN : Number(text)
  if (!Number.isInteger(value) || value < 0 || value > MAX_TARGET_VALUE)
    return { ok: false, field: 'value', reason: 'bad_value', target }
  const before = await latestRecord(db, target.code)
  const row = await db.targetRecord.create({
    data: {
      target: target.code,
      value,
      note: input.note?.trim().slice(0, MAX_NOTE_LENGTH) || null,
      recordedBy: input.staffId,
      recordedAt: input.at,
    },
  })
  const after = { value: row.value, note: row.note, recordedBy: row.recordedBy, recordedAt: row.recordedAt }
  return { ok: true, target, value, before, after }
}

/** What the console and the API say about a refused figure, by field (the chat words it for chat). */
export function refusalMessage(outcome: Extract<RecordOutcome, { ok: false }>): string {
  if (outcome.reason === 'unknown') return '没有这个目标，请从方案主要目标中选择。'
  if (outcome.reason === 'derived') {
    const label = outcome.target?.label ?? ''
    const name = /[“”]/.test(label) ? label : `“${label}”`
    return `${name}按企业档案自动统计，无需登记；请在企业档案中维护相关荣誉、证书或标准。`
  }
  return `数值须为 0 至 ${MAX_TARGET_VALUE} 之间的整数。`
}
