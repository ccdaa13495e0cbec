// The bulk writes the fan-out and matching use (src/db/bulk-insert.ts, src/outbox/outbox.bulk.ts) on SQLite and
// PostgreSQL: rows read back through Prisma exactly as createMany would have written them (booleans, dates,
// nulls), cards findable by their id, outbox rows due at once, and slices within D1's parameter limit.
import { afterEach, describe, expect, it } from 'vitest'
import { bulkTargetOf, insertRows } from '../../src/db/bulk-insert.ts'
import { enqueueMessagesInBulk } from '../../src/outbox/outbox.bulk.ts'
import { findSentCard } from '../../src/outbox/outbox.repo.ts'
import { openTestDb, postgresAvailable } from '../helpers/db.ts'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

const pg = await postgresAvailable()
if (!pg) console.warn('PostgreSQL tests SKIPPED (no server on 127.0.0.1:5432)')

describe.each(pg ? (['sqlite', 'postgresql'] as const) : (['sqlite'] as const))('bulk writes on %s', (kind) => {
  it('writes rows Prisma reads back, in slices, and queues cards', async () => {
    const { db, url, close } = await openTestDb(kind)
    closers.push(close)
    const target = { ...bulkTargetOf(url), maxParams: 100 } // D1's limit: many statements
    const at = new Date('2026-11-24T02:00:00Z')
    const rows = Array.from({ length: 40 }, (_, i) => [i + 1, 'loan:quality-loan', 1, '["a"]', i % 2 === 0, at])
    await insertRows(
      db,
      target,
      'PolicyMatch',
      ['enterpriseId', 'ruleId', 'ruleVersion', 'criteria', 'notified', 'createdAt'],
      rows,
    )
    const read = await db.policyMatch.findMany({ orderBy: { enterpriseId: 'asc' } })
    expect(read).toHaveLength(40)
    expect(read[0]).toMatchObject({ enterpriseId: 1, notified: true, createdAt: at })
    expect(read[1]).toMatchObject({ notified: false })
    expect(await db.policyMatch.count({ where: { createdAt: { gte: at } } })).toBe(40)

    const card = {
      template: 'alert-list',
      title: '测试',
      tone: 'blue' as const,
      version: 1,
      blocks: [],
      actions: [],
      subject: 'alert:1:e:7',
    }
    await enqueueMessagesInBulk(
      db,
      target,
      Array.from({ length: 25 }, (_, i) => ({
        address: { platform: 'feishu', userId: `ou_${i}` },
        body: { kind: 'card' as const, card },
      })),
      at,
    )
    const outbox = await db.outbox.findMany({ where: { status: 'pending', nextAttemptAt: { lte: at } } })
    expect(outbox).toHaveLength(25)
    const payload = JSON.parse(outbox[0]!.payload) as { card: { id: string } }
    const sent = await findSentCard(db, payload.card.id)
    expect(sent).toMatchObject({ platform: 'feishu', userId: 'ou_0', version: 1 })
    expect(await db.sentCard.count({ where: { subject: { startsWith: 'alert:1:e:' } } })).toBe(25)
  })
})
