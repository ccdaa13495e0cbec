// Which migrations a database has applied, read from Prisma's `_prisma_migrations` table with an ordinary
// read-only connection: the schema engine is only started when something is pending (it wants the write lock).
import { existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import pg from 'pg'
import { providerOf } from './provider.ts'

const APPLIED = `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`

/** The applied migrations' names; an empty set for a database (or file) that does not exist yet. */
export async function appliedMigrations(url: string): Promise<Set<string>> {
  if (providerOf(url) === 'sqlite') {
    const file = url.replace(/^file:/, '')
    if (file === ':memory:' || !existsSync(file)) return new Set()
    const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 })
    try {
      const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`)
      if (!table.get()) return new Set()
      return new Set((db.prepare(APPLIED).all() as { migration_name: string }[]).map((r) => r.migration_name))
    } finally {
      db.close()
    }
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  await client.connect()
  try {
    const exists = await client.query(`SELECT to_regclass('_prisma_migrations') AS name`)
    if (!exists.rows[0]?.name) return new Set()
    return new Set((await client.query<{ migration_name: string }>(APPLIED)).rows.map((r) => r.migration_name))
  } finally {
    await client.end()
  }
}
