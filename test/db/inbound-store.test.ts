// The inbound store (the durable de-duplication behind every acknowledgement) on both providers: a burst becomes
// one multi-row insert, a retried delivery is reported as a duplicate, and on SQLite a write lock held by another
// connection is waited out without blocking the event loop.
import Database from 'better-sqlite3'
import { describe, expect, test } from 'vitest'
import { createInboundStore } from '../../src/bot/inbound-store.ts'
import type { MessageEvent } from '../../src/bot/types.ts'
import { openNodeDb } from '../../src/db/node-db.ts'
import { openTestDb, postgresAvailable, sqliteTestUrl } from '../helpers/db.ts'

const pgUp = await postgresAvailable()

const message = (eventId: string, platform: 'feishu' | 'dingtalk' = 'feishu'): MessageEvent => ({
  kind: 'message',
  eventId,
  platform,
  chat: { platform, chatId: 'oc_1', chatType: 'group' },
  sender: { platform, userId: 'ou_1' },
  text: '帮助',
  reply: {},
  receivedAt: new Date(),
})

describe.each([['sqlite'], ['postgresql']] as const)('inbound store on %s', (kind) => {
  const run = kind === 'postgresql' && !pgUp ? test.skip : test

  run('a burst is stored in one statement; retries and repeats inside the burst are duplicates', async () => {
    const { db, close } = await openTestDb(kind)
    try {
      const store = createInboundStore(db, { provider: kind })
      const statements: string[] = []
      const counted = db.$extends({
        query: {
          $allOperations: async ({ operation, args, query }) => {
            statements.push(operation)
            return query(args)
          },
        },
      }) as unknown as typeof db
      const countingStore = createInboundStore(counted, { provider: kind })
      const ids = await Promise.all([
        countingStore.insert(message('e1')),
        countingStore.insert(message('e2')),
        countingStore.insert(message('e1')), // the same delivery twice in one burst
        countingStore.insert(message('e1', 'dingtalk')), // same id, other platform: a different event
      ])
      expect(statements).toEqual(['$queryRawUnsafe'])
      expect(ids[0]).toBeTypeOf('number')
      expect(ids[1]).toBeTypeOf('number')
      expect(ids[2]).toBeNull()
      expect(ids[3]).toBeTypeOf('number')
      expect(new Set(ids.filter((id) => id !== null)).size).toBe(3)

      expect(await store.insert(message('e2'))).toBeNull() // Feishu retries at 15 s, 5 min…: still a duplicate
      const row = await db.inboundEvent.findUniqueOrThrow({ where: { id: ids[0]! } })
      expect(row).toMatchObject({ platform: 'feishu', eventId: 'e1', kind: 'message', status: 'received', attempts: 0 })
      expect(JSON.parse(row.payload)).toMatchObject({ eventId: 'e1', text: '帮助' })
      expect(Math.abs(row.receivedAt.getTime() - Date.now())).toBeLessThan(60_000)
      // Prisma reads what the raw insert wrote, with the same date encoding its own queries compare against.
      expect(await db.inboundEvent.count({ where: { receivedAt: { lte: new Date() } } })).toBe(3)
    } finally {
      await close()
    }
  })

  run('more events than one statement may bind go in several batches, none lost', async () => {
    const { db, close } = await openTestDb(kind)
    try {
      const store = createInboundStore(db, { provider: kind })
      const ids = await Promise.all(Array.from({ length: 75 }, (_, i) => store.insert(message(`m${i}`))))
      expect(new Set(ids).size).toBe(75)
      expect(await db.inboundEvent.count()).toBe(75)
    } finally {
      await close()
    }
  })
})

test('SQLite: a write lock held by another connection is waited out asynchronously, then the event is stored', async () => {
  const url = await sqliteTestUrl()
  const db = await openNodeDb(url, { busyTimeoutMs: 0, walCheckpoints: false })
  const other = new Database(url.replace(/^file:/, ''))
  try {
    other.exec('BEGIN IMMEDIATE') // another connection (the background thread) is writing
    let stored: number | null | undefined
    const pending = createInboundStore(db, { provider: 'sqlite' })
      .insert(message('locked'))
      .then((id) => {
        stored = id
      })
    // The event loop stays free while the lock is held: timers run, the insert waits.
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(stored).toBeUndefined()
    other.exec('COMMIT')
    await pending
    expect(stored).toBeTypeOf('number')

    other.exec('BEGIN IMMEDIATE')
    const withoutRetry = createInboundStore(db, { provider: 'sqlite' }).insert(message('refused'))
    await expect(withoutRetry).rejects.toThrow(/SQLITE_BUSY|database is locked/)
    other.exec('ROLLBACK')
  } finally {
    other.close()
    await db.$disconnect()
  }
})
