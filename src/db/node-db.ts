// Opens the database on Node: embedded SQLite (better-sqlite3) by default, PostgreSQL for a postgres:// URL.
// Each provider has its own generated client (the query compiler is provider specific).
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient as PgClient } from '../generated/node-postgresql/client.ts'
import { PrismaClient as SqliteClient } from '../generated/node-sqlite/client.ts'
import type { Db } from './client.ts'
import { providerOf } from './schema-engine.ts'
import { serialSqliteAdapter } from './sqlite-serial.ts'

export interface NodeDbOptions {
  /**
   * SQLite: let commits on this connection checkpoint the WAL (the default). The connection that acknowledges
   * webhooks turns it off when another one (the background thread) writes steadily and checkpoints for it, so an
   * acknowledgement never waits for a checkpoint's writes and fsync.
   */
  walCheckpoints?: boolean
  /** SQLite: how long a write waits for another connection's lock inside SQLite (blocking the thread). */
  busyTimeoutMs?: number
}

/**
 * How long one statement waits for another writer's lock before it reports "busy" (SQLite: blocking the thread;
 * PostgreSQL: lock_timeout). Short, so a click is still answered within the platform's deadline (Feishu: 3 s):
 * the unit of work retries asynchronously up to its own deadline (src/bot/unit-of-work.ts, src/db/busy.ts).
 */
export const LOCK_WAIT_MS = 200

export async function openNodeDb(url: string, options: NodeDbOptions = {}): Promise<Db> {
  if (providerOf(url) === 'postgresql') {
    const adapter = new PrismaPg({ connectionString: url, options: `-c lock_timeout=${LOCK_WAIT_MS * 5}` })
    return new PgClient({ adapter }) as unknown as Db
  }
  const file = url.replace(/^file:/, '')
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new SqliteClient({ adapter: serialSqliteAdapter(url) })
  // WAL lets the HTTP server read while the outbox writes; synchronous=NORMAL is WAL's recommended pairing (a
  // commit survives a crash of the process, and only the last commits may be lost on power failure);
  // busy_timeout rides out short write contention; the thread that answers people uses LOCK_WAIT_MS and retries.
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL')
  await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL')
  await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${options.busyTimeoutMs ?? 5000}`)
  if (options.walCheckpoints === false) await db.$queryRawUnsafe('PRAGMA wal_autocheckpoint = 0')
  return db
}
