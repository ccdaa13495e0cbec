// D1 has no interactive transactions, and Prisma refuses `$transaction(async (tx) => …)` on it. On Workers the
// callback form runs its statements one by one instead (batch transactions keep their atomicity). Idempotent
// handlers, optimistic versions and unique keys keep the data consistent without it; for strict atomicity deploy on
// Node with PostgreSQL (README, "Database and migrations").
import type { Db } from './client.ts'

export function withSequentialTransactions(db: Db): Db {
  const batch = db.$transaction.bind(db) as (...args: unknown[]) => Promise<unknown>
  const sequential = (arg: unknown, options?: unknown) =>
    typeof arg === 'function' ? (arg as (tx: Db) => Promise<unknown>)(db) : batch(arg, options)
  Object.defineProperty(db, '$transaction', { value: sequential, configurable: true, writable: true })
  return db
}
