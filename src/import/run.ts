// One import: read the file, check every row (its cells, duplicates within the file, what it would change), and
// — only when asked and only when no row has an error — write every change in one transaction, each audited. A dry
// run writes nothing. Importing the same file again finds every row unchanged and writes nothing.
import { recordAudit } from '../admin/audit.ts'
import type { Principal, Via } from '../admin/principal.ts'
import type { CoreDeps } from '../deps.ts'
import type { ImportKind } from './kind.ts'
import { readTable } from './table.ts'

export interface RowError {
  row: number
  column: string
  reason: string
}

export interface RowChange {
  row: number
  action: 'create' | 'update' | 'unchanged'
  subject: string
  label: string
}

export interface ImportReport {
  kind: string
  label: string
  rows: number
  created: number
  updated: number
  unchanged: number
  errors: RowError[]
  changes: RowChange[]
  /** True when the changes were written (apply asked for, no row error). */
  applied: boolean
  /** What applying also did or could not do (the kind's `finish`), for the person importing. */
  notes: string[]
}

export const MAX_ROWS = 5000

export async function runImport(
  deps: Pick<CoreDeps, 'db' | 'clock' | 'log'>,
  kind: ImportKind,
  bytes: Uint8Array,
  options: { apply: boolean; who: Principal; via: Via },
): Promise<ImportReport> {
  const table = await readTable(bytes)
  const errors: RowError[] = []
  const missing = kind.columns.filter((c) => c.required && !table.headers.includes(c.header))
  for (const column of missing) errors.push({ row: 1, column: column.header, reason: '表头缺少此必填列' })
  if (table.rows.length > MAX_ROWS) errors.push({ row: 1, column: '', reason: `一次最多导入 ${MAX_ROWS} 行` })
  const planned: { row: number; record: unknown; change: RowChange; before?: unknown; after: unknown }[] = []
  if (!errors.length) {
    const seen = new Map<string, number>()
    for (const { row, cells } of table.rows) {
      const parsed = kind.parse(cells)
      if (!parsed.ok) {
        for (const e of parsed.errors) errors.push({ row, ...e })
        continue
      }
      const first = seen.get(parsed.key)
      if (first) {
        errors.push({ row, column: kind.columns[0]!.header, reason: `与第 ${first} 行重复` })
        continue
      }
      seen.set(parsed.key, row)
      const plan = await kind.plan(deps.db, parsed.record)
      if (plan.action === 'error') errors.push({ row, ...plan.error })
      else {
        const change = { row, action: plan.action, subject: plan.subject, label: plan.label }
        planned.push({ row, record: parsed.record, change, before: plan.before, after: plan.after })
      }
    }
  }
  const count = (action: RowChange['action']) => planned.filter((p) => p.change.action === action).length
  const report: ImportReport = {
    kind: kind.kind,
    label: kind.label,
    rows: table.rows.length,
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    errors,
    changes: planned.map((p) => p.change),
    applied: false,
    notes: [],
  }
  const writes = planned.filter((p) => p.change.action !== 'unchanged')
  if (!options.apply || errors.length || !writes.length) return report
  const now = deps.clock.now()
  let notes: string[] = []
  await deps.db.$transaction(async (tx) => {
    for (const p of writes) {
      await kind.apply(tx, p.record)
      await recordAudit(
        tx,
        options.who,
        options.via,
        { action: `import.${kind.kind}`, subject: p.change.subject, before: p.before, after: p.after },
        now,
      )
    }
    notes =
      (await kind.finish?.(tx, { records: writes.map((p) => p.record), who: options.who, via: options.via, now })) ?? []
  })
  deps.log.info('import applied', { kind: kind.kind, created: report.created, updated: report.updated })
  return { ...report, applied: true, notes }
}
