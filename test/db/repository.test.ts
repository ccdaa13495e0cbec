// The repository layer against both providers: the embedded SQLite and the real PostgreSQL on 127.0.0.1:5432
// (skipped, with a visible message, only when no PostgreSQL server answers).
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { conversationHandle } from '../../src/bot/conversation.ts'
import { derivePostgresSchema } from '../../src/db/schema-variants.ts'
import { enqueueMessage, updateSentCard } from '../../src/outbox/outbox.repo.ts'
import { movableClock } from '../helpers/clock.ts'
import { openTestDb, PG_SERVER_URL, postgresAvailable } from '../helpers/db.ts'

const pgUp = await postgresAvailable()
if (!pgUp) console.warn(`\n⚠ PostgreSQL tests SKIPPED: no server answers at ${PG_SERVER_URL}\n`)

test('the PostgreSQL schema is derived from the one source of truth and checked in up to date', () => {
  const source = readFileSync('prisma/schema.prisma', 'utf8')
  expect(readFileSync('prisma/postgresql/schema.prisma', 'utf8')).toBe(derivePostgresSchema(source))
})

test('both dialects have the same migration history', () => {
  const names = (dir: string) =>
    readFileSync(`${dir}/migration_lock.toml`, 'utf8') && readdirSync(dir).filter((n) => /^\d{14}_/.test(n))
  expect(names('prisma/postgresql/migrations')).toEqual(names('prisma/migrations'))
})

describe.each([['sqlite'], ['postgresql']] as const)('repository on %s', (kind) => {
  const run = kind === 'postgresql' && !pgUp ? test.skip : test

  run('enterprises: unique credit code, cascade to honours', async () => {
    const { db, close } = await openTestDb(kind)
    try {
      const e = await db.enterprise.create({
        data: {
          name: '示例鞋业（演示）',
          creditCode: '91330304MA2AXXXX1X',
          industry: '鞋服',
          honours: { create: [{ kind: 'benchmarking', title: '对标达标' }] },
        },
        include: { honours: true },
      })
      expect(e.honours).toHaveLength(1)
      await expect(
        db.enterprise.create({ data: { name: '重复', creditCode: '91330304MA2AXXXX1X', industry: '鞋服' } }),
      ).rejects.toMatchObject({ code: 'P2002' })
      await db.enterprise.delete({ where: { id: e.id } })
      expect(await db.honour.count()).toBe(0)
    } finally {
      await close()
    }
  })

  run('outbox and sent cards: optimistic card versions yield one winner', async () => {
    const { db, close } = await openTestDb(kind)
    try {
      const { cardId } = await enqueueMessage(db, {
        address: { platform: 'dingtalk', chatId: 'cid1' },
        body: {
          kind: 'card',
          card: { template: 'help', title: 'A', version: 1, tone: 'blue', blocks: [], actions: [] },
        },
      })
      const next = { template: 'help', title: 'B', version: 1, tone: 'blue' as const, blocks: [], actions: [] }
      const results = await Promise.all([
        updateSentCard(db, cardId!, 1, next, { push: true }),
        updateSentCard(db, cardId!, 1, { ...next, title: 'C' }, { push: true }),
      ])
      expect(results.filter(Boolean)).toHaveLength(1)
      expect(await db.outbox.count({ where: { targetKind: 'card_update' } })).toBe(1)
    } finally {
      await close()
    }
  })

  run('conversation state: start, update, expire', async () => {
    const { db, close } = await openTestDb(kind)
    try {
      const clock = movableClock()
      const chat = { platform: 'console' as const, chatId: 'c', chatType: 'p2p' as const }
      const handle = conversationHandle(db, clock, chat, { platform: 'console', userId: 'u' })
      await handle.start('ticket_open', 'category', { source: 'chat' })
      await handle.update('description', { category: 'metrology' })
      expect(await handle.current()).toMatchObject({
        flow: 'ticket_open',
        step: 'description',
        data: { source: 'chat', category: 'metrology' },
      })
      clock.advance(31 * 60_000)
      expect(await handle.current()).toBeNull()
    } finally {
      await close()
    }
  })
})
