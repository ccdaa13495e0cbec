// Many rows in few statements: a multi-row INSERT per slice, for writes large enough that the client's per-row
// work dominates (an alert to thousands of enterprises: several times faster than createMany). Slices stay within
// the database's bound-parameter limit (D1: 100 per statement); placeholders are `?` on SQLite and D1, `$n` on PostgreSQL. Table and column
// names are the caller's constants, never user input; values are always bound.
import type { DbOrTx } from './client.ts'
import { type Provider, providerOf } from './provider.ts'

/** Where the rows go: the dialect, and how many parameters one statement may bind there. */
export interface BulkTarget {
  provider: Provider
  maxParams: number
}

/**
 * From the DATABASE_URL: D1 (the Worker's `file:d1`) binds at most 100 parameters per statement; SQLite on Node
 * (32,766 since SQLite 3.32) and PostgreSQL (65,535) far more.
 */
export function bulkTargetOf(url: string): BulkTarget {
  const provider = providerOf(url)
  if (provider === 'postgresql') return { provider, maxParams: 30_000 }
  return { provider, maxParams: url === 'file:d1' ? 100 : 10_000 }
}

export type Cell = string | number | boolean | Date | null

export async function insertRows(
  db: DbOrTx,
  target: BulkTarget,
  table: string,
  columns: readonly string[],
  rows: readonly Cell[][],
): Promise<void> {
  if (!rows.length) return
  const { provider } = target
  const perStatement = Math.max(1, Math.floor(target.maxParams / columns.length))
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `
  for (let start = 0; start < rows.length; start += perStatement) {
    const slice = rows.slice(start, start + perStatement)
    let n = 0
    const at = () => (provider === 'postgresql' ? `$${++n}` : '?')
    const tuples = slice.map(() => `(${columns.map(at).join(', ')})`)
    // SQLite has no boolean type: Prisma stores them as 1 / 0.
    const values = slice.flat().map((v) => (typeof v === 'boolean' && provider === 'sqlite' ? Number(v) : v))
    await db.$executeRawUnsafe(head + tuples.join(', '), ...values)
  }
}
