// A worksheet a feature adds to the monthly report (Feature.reportSheets): the targets' progress, the month's alerts
// and their receipt rates … The report's frame (src/export/monthly-report.ts) lays them out the same way as its own
// sheets and never imports a feature.
import type { DbOrTx } from '../db/client.ts'

export type SheetCell = string | number | null

export interface SheetData {
  /** The first row, e.g. `2026-11 风险预警与回执`. */
  title: string
  header: string[]
  rows: SheetCell[][]
  /** 0-based columns holding shares (0.0–1.0), shown as percentages. */
  percentColumns?: number[]
  /** Written under the header when there are no rows. */
  empty: string
}

export interface ReportSheet {
  /** The worksheet's tab (Excel allows 31 characters). */
  name: string
  /** The sheet for a month (`YYYY-MM`, Asia/Shanghai), from the database only. */
  build(db: DbOrTx, month: string): Promise<SheetData>
}

/** Every feature's sheets for a month, in the order of the feature list. */
export async function sheetsFor(
  sheets: readonly ReportSheet[],
  db: DbOrTx,
  month: string,
): Promise<{ name: string; data: SheetData }[]> {
  const out: { name: string; data: SheetData }[] = []
  for (const sheet of sheets) out.push({ name: sheet.name, data: await sheet.build(db, month) })
  return out
}

/** The sheets of a feature list (structurally typed: the export never imports the features' contract). */
export const reportSheetsOf = (features: readonly { reportSheets?: readonly ReportSheet[] }[]) =>
  features.flatMap((f) => f.reportSheets ?? [])
