import { afterEach, beforeEach, expect, test } from 'vitest'
import { MAX_ATTEMPTS } from '../../src/outbox/dispatcher.ts'
import { enqueueMessagesInBulk } from '../../src/outbox/outbox.bulk.ts'
import { enqueueMessage } from '../../src/outbox/outbox.repo.ts'
import { scriptedPort, testCore } from '../helpers/core.ts'

let core: Awaited<ReturnType<typeof testCore>>
beforeEach(async () => {
  core = await testCore()
})
afterEach(() => core.close())

const toChat = (chatId: string, text: string) => ({
  address: { platform: 'feishu' as const, chatId },
  body: { kind: 'text' as const, text },
})

test('a message is delivered once and marked sent with the platform id', async () => {
  const { outboxId } = await enqueueMessage(core.deps.db, toChat('oc_1', '您好'))
  expect(await core.deps.outbox.drain()).toBe(1)
  expect(await core.deps.outbox.drain()).toBe(0)
  expect(core.port.delivered).toHaveLength(1)
  expect(await core.deps.db.outbox.findUnique({ where: { id: outboxId } })).toMatchObject({
    status: 'sent',
    resultRef: `msg-${outboxId}`,
  })
})

test('a rate-limited delivery waits for the platform’s reset time, then goes out: not lost', async () => {
  core.port.script.push({ ok: false, retryable: true, retryAfterMs: 30_000, error: '99991400 rate limited' })
  const { outboxId } = await enqueueMessage(core.deps.db, toChat('oc_1', '通知'))
  await core.deps.outbox.drain()
  const row = await core.deps.db.outbox.findUniqueOrThrow({ where: { id: outboxId } })
  expect(row).toMatchObject({ status: 'pending', attempts: 1 })
  expect(row.nextAttemptAt.getTime() - core.clock.now().getTime()).toBeGreaterThanOrEqual(30_000)
  core.clock.advance(10_000)
  expect(await core.deps.outbox.drain()).toBe(0)
  core.clock.advance(25_000)
  expect(await core.deps.outbox.drain()).toBe(1)
  expect(core.port.delivered.map((m) => m.body)).toEqual([{ kind: 'text', text: '通知' }])
})

test('a permanent refusal goes dead at once; retryable failures go dead after the bound', async () => {
  core.port.script.push({ ok: false, retryable: false, error: 'invalid receive_id' })
  const first = await enqueueMessage(core.deps.db, toChat('oc_bad', 'x'))
  await core.deps.outbox.drain()
  expect(await core.deps.db.outbox.findUnique({ where: { id: first.outboxId } })).toMatchObject({ status: 'dead' })

  const second = await enqueueMessage(core.deps.db, toChat('oc_flaky', 'y'))
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    core.port.script.push({ ok: false, retryable: true, error: '500' })
    await core.deps.outbox.drain()
    core.clock.advance(60 * 60_000)
  }
  expect(await core.deps.db.outbox.findUnique({ where: { id: second.outboxId } })).toMatchObject({
    status: 'dead',
    attempts: MAX_ATTEMPTS,
  })
})

test('per-chat limit: a burst to one chat is spread over time, in order', async () => {
  for (let i = 1; i <= 7; i++) await enqueueMessage(core.deps.db, toChat('oc_busy', `第${i}条`))
  await core.deps.outbox.drain()
  expect(core.port.delivered).toHaveLength(5)
  // Held back in memory, not rewritten: no attempt counted, no row touched.
  const held = await core.deps.db.outbox.findMany({ where: { status: 'pending' } })
  expect(held.map((row) => [row.attempts, row.nextAttemptAt.getTime(), row.claimedAt])).toEqual([
    [0, 0, null],
    [0, 0, null],
  ])
  core.clock.advance(1100)
  await core.deps.outbox.drain()
  expect(core.port.delivered.map((m) => (m.body.kind === 'text' ? m.body.text : ''))).toEqual([
    '第1条',
    '第2条',
    '第3条',
    '第4条',
    '第5条',
    '第6条',
    '第7条',
  ])
})

test('a dedupe key enqueues the same logical message once', async () => {
  const a = await enqueueMessage(core.deps.db, { ...toChat('oc_1', '提醒'), dedupeKey: 'ticket:1:overdue' })
  const b = await enqueueMessage(core.deps.db, { ...toChat('oc_1', '提醒'), dedupeKey: 'ticket:1:overdue' })
  expect(b.outboxId).toBe(a.outboxId)
  expect(await core.deps.db.outbox.count()).toBe(1)
})

test('cards get an id and a stored model; the platform message id is kept for in-place updates', async () => {
  const { cardId } = await enqueueMessage(core.deps.db, {
    address: { platform: 'feishu', chatId: 'oc_1' },
    body: {
      kind: 'card',
      card: { template: 'help', title: '标题', version: 1, tone: 'blue', blocks: [], actions: [] },
    },
  })
  expect(cardId).toMatch(/^crd_[0-9a-f]{18}$/)
  await core.deps.outbox.drain()
  const card = await core.deps.db.sentCard.findUniqueOrThrow({ where: { id: cardId! } })
  expect(card.platformMessageId).toMatch(/^msg-/)
  expect(core.port.delivered[0]!.card).toEqual({ id: cardId, update: false })
})

test('a platform at its app-wide limit holds only its own rows: another platform is delivered at once', async () => {
  const dingtalk = scriptedPort('dingtalk')
  core.deps.ports.dingtalk = dingtalk
  // A backlog for Feishu well past its 50 messages a second: 50 go, then Feishu is held for the rest of the second.
  for (let i = 0; i < 120; i++) await enqueueMessage(core.deps.db, toChat(`oc_${i}`, `通知 ${i}`))
  expect(await core.deps.outbox.drain()).toBe(50)
  expect(await core.deps.outbox.drain()).toBe(0)
  await enqueueMessage(core.deps.db, {
    address: { platform: 'dingtalk', chatId: 'cid_1' },
    body: { kind: 'text', text: '您好' },
  })
  // A kick for the held platform reads nothing; one for DingTalk delivers at once, backlog or not.
  core.deps.outbox.kick('feishu')
  await core.idle()
  expect(dingtalk.delivered).toHaveLength(0)
  core.deps.outbox.kick('dingtalk')
  await core.idle()
  expect(dingtalk.delivered.map((m) => m.body)).toEqual([{ kind: 'text', text: '您好' }])
  expect(core.port.delivered).toHaveLength(50)
  core.clock.advance(1000)
  expect(await core.deps.outbox.drain()).toBe(50)
  // In order of enqueueing, within the platform.
  expect(core.port.delivered.map((m) => m.address.chatId).slice(48, 52)).toEqual(['oc_48', 'oc_49', 'oc_50', 'oc_51'])
})

test('rows for a platform that is not configured wait for it instead of being given up', async () => {
  const { outboxId } = await enqueueMessage(core.deps.db, {
    address: { platform: 'dingtalk', chatId: 'cid_1' },
    body: { kind: 'text', text: '您好' },
  })
  expect(await core.deps.outbox.drain()).toBe(0)
  expect(await core.deps.db.outbox.findUnique({ where: { id: outboxId } })).toMatchObject({ status: 'pending' })
  core.deps.ports.dingtalk = scriptedPort('dingtalk')
  expect(await core.deps.outbox.drain()).toBe(1)
})

test('an image row for a port that sends no images goes dead at once, not retried', async () => {
  // The scripted port has no deliverImage (its platform declares no images): no retry can change that.
  const image = { source: 'targets.progress', data: {}, alt: '走势图' }
  const { outboxId } = await enqueueMessage(core.deps.db, {
    address: { platform: 'feishu', chatId: 'oc_1' },
    body: { kind: 'image', image },
  })
  await core.deps.outbox.drain()
  expect(await core.deps.db.outbox.findUnique({ where: { id: outboxId } })).toMatchObject({
    status: 'dead',
    attempts: 1,
    lastError: 'feishu sends no images',
  })
  expect(core.port.delivered).toHaveLength(0)
})

test('a bulk row names its card: it goes out as the card is when sent, and dies at once if the card is gone', async () => {
  const db = core.deps.db
  const card = (title: string) => ({
    kind: 'card' as const,
    card: {
      template: 'demo',
      version: 1,
      title,
      tone: 'blue' as const,
      blocks: [{ type: 'markdown' as const, text: title }],
      actions: [],
    },
  })
  const target = { provider: 'sqlite' as const, maxParams: 10_000 }
  await enqueueMessagesInBulk(db, target, [
    { address: { platform: 'feishu', chatId: 'oc_a' }, body: card('预警甲') },
    { address: { platform: 'feishu', chatId: 'oc_b' }, body: card('预警乙') },
  ])
  const rows = await db.outbox.findMany({ orderBy: { id: 'asc' } })
  // The model is written once, as the SentCard; the row only names it.
  expect(rows.every((r) => !r.payload.includes('预警'))).toBe(true)
  const [first, second] = rows.map((r) => (JSON.parse(r.payload) as { card: { id: string } }).card.id)
  const sent = await db.sentCard.findUniqueOrThrow({ where: { id: first! } })
  await db.sentCard.update({
    where: { id: first! },
    data: { model: sent.model.replaceAll('预警甲', '预警甲（已更新）') },
  })
  await db.sentCard.delete({ where: { id: second! } })
  await core.deps.outbox.drain()
  expect(core.port.delivered.map((m) => (m.body.kind === 'card' ? m.body.card.title : m.body))).toEqual([
    '预警甲（已更新）',
  ])
  const statuses = await db.outbox.findMany({ orderBy: { id: 'asc' }, select: { status: true } })
  expect(statuses.map((s) => s.status)).toEqual(['sent', 'dead'])
})
