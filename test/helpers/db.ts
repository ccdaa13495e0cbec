// Test databases: a fresh SQLite file per test (copied from a migrated template, so each costs a file copy), or a
// fresh PostgreSQL database on 127.0.0.1:5432 when one answers.
import { randomUUID } from 'node:crypto'
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { Db } from '../../src/db/client.ts'
import { deployMigrations } from '../../src/db/migrate.ts'
import { openNodeDb } from '../../src/db/node-db.ts'
import { pgAdmin, withDatabase } from '../../src/db/schema-engine.ts'

export const PG_SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

let template: Promise<string> | undefined
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'qsbot-template-')), 'template.db')
    await deployMigrations(`file:${file}`)
    return file
  })()
  return template
}

export async function sqliteTestUrl(): Promise<string> {
  const source = await migratedTemplate()
  const file = join(mkdtempSync(join(tmpdir(), 'qsbot-test-')), 'bot.db')
  if (existsSync(source)) copyFileSync(source, file)
  return `file:${file}`
}

export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_SERVER_URL, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    await client.end()
    return true
  } catch {
    return false
  }
}

/** A new, migrated PostgreSQL database; `drop()` removes it. */
export async function postgresTestUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `qsbot_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`
  const url = withDatabase(PG_SERVER_URL, name)
  await deployMigrations(url)
  return { url, drop: () => pgAdmin(PG_SERVER_URL, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) }
}

export async function openTestDb(
  kind: 'sqlite' | 'postgresql' = 'sqlite',
): Promise<{ db: Db; url: string; close: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const url = await sqliteTestUrl()
    const db = await openNodeDb(url)
    return { db, url, close: () => db.$disconnect() }
  }
  const { url, drop } = await postgresTestUrl()
  const db = await openNodeDb(url)
  return {
    db,
    url,
    close: async () => {
      await db.$disconnect()
      await drop()
    },
  }
}

/** One more connection to a test database another server opened (it drops the database, not this one). */
export async function openSharedDb(url: string): Promise<{ db: Db; url: string; close: () => Promise<void> }> {
  const db = await openNodeDb(url)
  return { db, url, close: () => db.$disconnect() }
}
