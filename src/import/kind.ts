// What one kind of spreadsheet import is (enterprises, contacts, staff, standards, certificates …): its columns as
// staff write them (Chinese headers), how a row becomes a record, what the record would change, how it is written,
// and the rows an export writes in the same columns (so an exported list imports back unchanged). Features list
// theirs in `imports` (src/bot/feature.ts).
import type { Principal, Via } from '../admin/principal.ts'
import type { DbOrTx } from '../db/client.ts'

export interface ImportColumn {
  /** The header as staff write it, e.g. 企业名称 */
  header: string
  required?: boolean
  /** A sample value for the template's example row (fictitious, marked 演示 where it names someone). */
  example: string
  /** How to fill it in, for the template's notes sheet. */
  note?: string
}

export interface CellError {
  column: string
  reason: string
}

export type Parsed<T> = { ok: true; record: T; key: string } | { ok: false; errors: CellError[] }

export type Planned =
  | { action: 'create' | 'update' | 'unchanged'; subject: string; label: string; before?: unknown; after: unknown }
  | { action: 'error'; error: CellError }

export interface ImportKind<T = unknown> {
  kind: string
  /** 企业, 人员 … */
  label: string
  columns: ImportColumn[]
  /** One row's cells by header → the record, or every problem in the row. */
  parse(cells: Record<string, string>): Parsed<T>
  /** What writing the record would do now. */
  plan(db: DbOrTx, record: T): Promise<Planned>
  apply(db: DbOrTx, record: T): Promise<void>
  /**
   * After every written row, in the same transaction: what the rows together make (the spot-check import's alert
   * draft per batch). Gets only the rows that were created or updated, so a re-import does not run it.
   */
  finish?(db: DbOrTx, done: { records: T[]; who: Principal; via: Via; now: Date }): Promise<string[] | undefined>
  /** The stored records as rows in these columns (the CSV export; imports back unchanged). */
  exportRows(db: DbOrTx): Promise<Record<string, string>[]>
}

/** Splits a list cell written with 、，, ; or spaces. */
export const listCell = (value: string | undefined) =>
  (value ?? '')
    .split(/[、，,;；\s]+/)
    .map((v) => v.trim())
    .filter(Boolean)

export const yes = (value: string | undefined) =>
  ['是', 'y', 'yes', 'true', '1', '√'].includes((value ?? '').trim().toLowerCase())

/** 2026-01-31, 2026/1/31, 2026.1.31 → a date at Shanghai midnight; undefined when empty; null when unreadable. */
export function dateCell(value: string | undefined): Date | undefined | null {
  const text = (value ?? '').trim()
  if (!text) return undefined
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text)
  if (!m) return null
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const utc = new Date(Date.UTC(year, month - 1, day))
  // Date.UTC rolls 2025-13-01 over into 2026: only a date that reads back the same is real.
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) return null
  return new Date(utc.getTime() - 8 * 3600_000)
}

/** A date as the export writes it: 2026-01-31 in Shanghai. */
export const dateText = (date: Date | null | undefined) =>
  date ? new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : ''

/** Field names whose values differ, for "would update: 行业、规模". */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  labels: Record<string, string>,
) {
  return Object.keys(labels).filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
}
