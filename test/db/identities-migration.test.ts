// The people_identities migration moves data: staff ids kept in per-platform columns become Identity rows before
// the columns are dropped. Applied to a database migrated up to the previous migration and holding staff the old
// way, on SQLite and on the real PostgreSQL (skipped, with a visible message, only when no server answers).
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { describe, expect, test } from 'vitest'
import { deployMigrations } from '../../src/db/migrate.ts'
import { pgAdmin, withDatabase } from '../../src/db/schema-engine.ts'
import { PG_SERVER_URL, postgresAvailable } from '../helpers/db.ts'

const BEFORE = '20261203153931_claim_owners'
const pgUp = await postgresAvailable()
if (!pgUp) console.warn(`\n⚠ PostgreSQL tests SKIPPED: no server answers at ${PG_SERVER_URL}\n`)

// Four staff the old way: Feishu only, DingTalk only, both, neither; two share a name (the active one keeps it on
// the console); a ticket assigned to one must keep its assignee.
const OLD_STAFF = [
  [1, '李工', 'ou_li', null, true],
  [2, '张工', null, 'dt_zhang', true],
  [3, '王工', 'ou_wang', 'dt_wang', true],
  [4, '李工', null, null, true],
  [5, '赵工', null, null, false],
] as const

const EXPECTED = [
  { platform: 'console', userId: '张工', staffId: 2 },
  { platform: 'console', userId: '李工', staffId: 1 },
  { platform: 'console', userId: '王工', staffId: 3 },
  { platform: 'console', userId: '赵工', staffId: 5 },
  { platform: 'dingtalk', userId: 'dt_wang', staffId: 3 },
  { platform: 'dingtalk', userId: 'dt_zhang', staffId: 2 },
  { platform: 'feishu', userId: 'ou_li', staffId: 1 },
  { platform: 'feishu', userId: 'ou_wang', staffId: 3 },
]

const sortRows = (rows: { platform: string; userId: string; staffId: number }[]) =>
  rows
    .map(({ platform, userId, staffId }) => ({ platform, userId, staffId: Number(staffId) }))
    .sort((a, b) => `${a.platform}:${a.userId}`.localeCompare(`${b.platform}:${b.userId}`))

describe('people_identities migration', () => {
  test('SQLite: old staff columns become identities, assignments survive', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'qsbot-identities-')), 'bot.db')
    await deployMigrations(`file:${file}`, BEFORE)
    const sqlite = new Database(file)
    try {
      const now = new Date().toISOString()
      const insert = sqlite.prepare(
        'INSERT INTO "Staff" ("id", "name", "department", "feishuOpenId", "dingtalkUserId", "active", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      for (const [id, name, feishu, dingtalk, active] of OLD_STAFF) {
        insert.run(id, name, '计量科', feishu, dingtalk, active ? 1 : 0, now)
      }
      sqlite
        .prepare(
          'INSERT INTO "Ticket" ("number", "category", "description", "originPlatform", "assigneeId", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run('QS-2026-000001', 'metrology', '演示', 'feishu', 3, now)
      sqlite.close()

      const result = await deployMigrations(`file:${file}`)
      expect(result.applied).toContain('20261203160921_people_identities')

      const after = new Database(file)
      const rows = after.prepare('SELECT "platform", "userId", "staffId", "linkedAt" FROM "Identity"').all() as {
        platform: string
        userId: string
        staffId: number
        linkedAt: string
      }[]
      expect(sortRows(rows)).toEqual(EXPECTED)
      // The adapter's date format (ISO-8601 text), so the client reads linkedAt as a date.
      expect(rows.every((r) => !Number.isNaN(Date.parse(r.linkedAt)))).toBe(true)
      const columns = (after.prepare('PRAGMA table_info("Staff")').all() as { name: string }[]).map((c) => c.name)
      expect(columns).not.toContain('feishuOpenId')
      expect(columns).not.toContain('dingtalkUserId')
      expect(after.prepare('SELECT COUNT(*) AS n FROM "Staff"').get()).toEqual({ n: 5 })
      expect(after.prepare('SELECT "assigneeId" FROM "Ticket"').get()).toEqual({ assigneeId: 3 })
      after.close()
    } finally {
      if (sqlite.open) sqlite.close()
    }
  })

  const pgTest = pgUp ? test : test.skip
  pgTest('PostgreSQL: old staff columns become identities, assignments survive', async () => {
    const name = `qsbot_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`
    const url = withDatabase(PG_SERVER_URL, name)
    try {
      await deployMigrations(url, BEFORE)
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        for (const [id, staffName, feishu, dingtalk, active] of OLD_STAFF) {
          await client.query(
            'INSERT INTO "Staff" ("id", "name", "department", "feishuOpenId", "dingtalkUserId", "active", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, now())',
            [id, staffName, '计量科', feishu, dingtalk, active],
          )
        }
        await client.query(
          'INSERT INTO "Ticket" ("number", "category", "description", "originPlatform", "assigneeId", "updatedAt") VALUES ($1, $2, $3, $4, $5, now())',
          ['QS-2026-000001', 'metrology', '演示', 'feishu', 3],
        )
      } finally {
        await client.end()
      }

      const result = await deployMigrations(url)
      expect(result.applied).toContain('20261203160921_people_identities')

      const after = new pg.Client({ connectionString: url })
      await after.connect()
      try {
        const { rows } = await after.query('SELECT "platform", "userId", "staffId" FROM "Identity"')
        expect(sortRows(rows)).toEqual(EXPECTED)
        const columns = await after.query(
          `SELECT column_name FROM information_schema.columns WHERE table_name = 'Staff' AND column_name IN ('feishuOpenId', 'dingtalkUserId')`,
        )
        expect(columns.rows).toEqual([])
        const ticket = await after.query('SELECT "assigneeId" FROM "Ticket"')
        expect(ticket.rows).toEqual([{ assigneeId: 3 }])
      } finally {
        await after.end()
      }
    } finally {
      await pgAdmin(PG_SERVER_URL, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    }
  })
})
