// Verify → acknowledge → process: duplicates are dropped, failures retried by the bot itself, card clicks checked
// against the card they came from.
import { afterEach, beforeEach, expect, test } from 'vitest'
import { CLICK_FAILED_TEXT, handleCardAction } from '../../src/bot/card-action.ts'
import { acceptEvent, processPendingEvents, retryFailedEvents } from '../../src/bot/pipeline.ts'
import type { CardActionEvent, MessageEvent } from '../../src/bot/types.ts'
import { enqueueMessage } from '../../src/outbox/outbox.repo.ts'
import { cardClickEvent } from '../helpers/actions.ts'
import { testCore } from '../helpers/core.ts'
import { postgresAvailable } from '../helpers/db.ts'

let core: Awaited<ReturnType<typeof testCore>>
beforeEach(async () => {
  core = await testCore()
})
afterEach(() => core.close())

const chat = { platform: 'feishu' as const, chatId: 'oc_group', chatType: 'group' as const }
const message = (eventId: string, text: string): MessageEvent => ({
  kind: 'message',
  eventId,
  platform: 'feishu',
  chat,
  sender: { platform: 'feishu', userId: 'ou_user' },
  text,
  reply: { messageId: 'om_1' },
  receivedAt: new Date(),
})

test('the same event delivered twice is processed once and answered once', async () => {
  expect(await acceptEvent(core.deps, message('ev-1', '帮助'))).toEqual({ status: 'accepted' })
  expect(await acceptEvent(core.deps, message('ev-1', '帮助'))).toEqual({ status: 'duplicate' })
  await core.idle()
  await core.deps.outbox.drain()
  expect(core.port.delivered).toHaveLength(1)
  expect(core.port.delivered[0]).toMatchObject({ address: { chatId: 'oc_group' }, reply: { messageId: 'om_1' } })
  expect(await core.deps.db.inboundEvent.findFirst()).toMatchObject({ status: 'processed', attempts: 1 })
})

test('a handler that fails is retried later by the bot, and its answer is not lost', async () => {
  const help = core.deps.handlers.messages.get('help')!
  let calls = 0
  core.deps.handlers.messages.set('help', {
    intent: 'help',
    handle: async (ctx) => {
      calls++
      if (calls === 1) throw new Error('database hiccup')
      return help.handle(ctx)
    },
  })
  await acceptEvent(core.deps, message('ev-2', '帮助'))
  await core.idle()
  expect(await core.deps.db.inboundEvent.findFirst()).toMatchObject({ status: 'failed', attempts: 1 })
  core.clock.advance(60_000)
  expect(await retryFailedEvents(core.deps)).toBe(1)
  await core.idle()
  await core.deps.outbox.drain()
  expect(await core.deps.db.inboundEvent.findFirst()).toMatchObject({ status: 'processed', attempts: 2 })
  expect(core.port.delivered).toHaveLength(1)
})

test('waiting events are claimed as a batch and handled in order, each with its replies; a failing one is retried alone, the rest answered once', async () => {
  const help = core.deps.handlers.messages.get('help')!
  core.deps.handlers.messages.set('help', {
    intent: 'help',
    handle: async (ctx) => {
      if (ctx.event.eventId === 'b-3') throw new Error('database hiccup')
      return help.handle(ctx)
    },
  })
  core.deps.processLater = () => {} // stored only, as when the background thread is behind or restarting
  for (let i = 1; i <= 5; i++) {
    await acceptEvent(core.deps, { ...message(`b-${i}`, '帮助'), reply: { messageId: `om_${i}` } })
  }
  const transactions: string[] = []
  const db = core.deps.db
  core.deps.db = db.$extends({
    query: {
      outbox: {
        createMany: async ({ args, query }) => {
          transactions.push(`outbox:${(args.data as unknown[]).length}`)
          return query(args)
        },
      },
    },
  }) as unknown as typeof db
  expect(await processPendingEvents(core.deps)).toBe(4)
  core.deps.db = db
  // Each event's replies are written in its own unit of work, with its effects and its processed mark.
  expect(transactions).toEqual(['outbox:1', 'outbox:1', 'outbox:1', 'outbox:1'])
  const rows = await db.inboundEvent.findMany({ orderBy: { id: 'asc' } })
  expect(rows.map((r) => r.status)).toEqual(['processed', 'processed', 'failed', 'processed', 'processed'])
  await core.deps.outbox.drain()
  expect(core.port.delivered).toHaveLength(4)
  // Replies leave in the order the events came in.
  const outbox = await db.outbox.findMany({ orderBy: { id: 'asc' } })
  expect(outbox.map((o) => JSON.parse(o.payload).reply?.messageId)).toEqual(['om_1', 'om_2', 'om_4', 'om_5'])
  expect(await processPendingEvents(core.deps)).toBe(0) // nothing processed twice
})

async function sentCard() {
  const { cardId } = await enqueueMessage(core.deps.db, {
    address: { platform: 'feishu', chatId: chat.chatId },
    body: {
      kind: 'card',
      card: { template: 'help', title: '卡片', version: 1, tone: 'blue', blocks: [], actions: [] },
    },
  })
  return cardId!
}

const click = (cardId: string, overrides: Partial<CardActionEvent> = {}): CardActionEvent =>
  cardClickEvent({
    chat,
    operator: { platform: 'feishu', userId: 'ou_user' },
    cardId,
    cardVersion: 1,
    action: 'test.flip',
    ...overrides,
  })

test('a click updates the clicked card; a click on the old version or from another chat changes nothing', async () => {
  core.deps.handlers.actions.set('test.flip', {
    action: 'test.flip',
    handle: async ({ card }) => ({
      intent: 'flip',
      cardResponse: { toast: { type: 'success', text: '已处理' }, card: { ...card!.model, title: '已处理' } },
    }),
  })
  const cardId = await sentCard()
  const first = await handleCardAction(core.deps, click(cardId))
  expect(first.toast).toEqual({ type: 'success', text: '已处理' })
  expect(first.card).toMatchObject({ id: cardId, version: 2, title: '已处理' })

  const stale = await handleCardAction(core.deps, click(cardId, { cardVersion: 1 }))
  expect(stale.toast?.type).toBe('warning')
  expect(stale.card).toMatchObject({ version: 2 })

  const elsewhere = await handleCardAction(
    core.deps,
    click(cardId, { cardVersion: 2, chat: { ...chat, chatId: 'oc_other' } }),
  )
  expect(elsewhere.toast).toEqual({ type: 'error', text: '该按钮不属于当前会话，操作未生效。' })
  expect((await core.deps.db.sentCard.findUniqueOrThrow({ where: { id: cardId } })).version).toBe(2)
})

test('a click whose record cannot be written is answered truthfully: its decision does not stand either', async () => {
  core.deps.handlers.actions.set('test.flip', {
    action: 'test.flip',
    handle: async ({ deps, card }) => {
      await deps.db.jobRun.create({ data: { job: 'decision', period: card!.id } }) // the click's effect
      return {
        intent: 'flip',
        replies: [{ kind: 'text', text: '已通知' }],
        cardResponse: { toast: { type: 'success', text: '已处理' }, card: { ...card!.model, title: '已处理' } },
      }
    },
  })
  const cardId = await sentCard()
  const db = core.deps.db
  // The click's record fails after the decision was written (any error but a busy database: no retry).
  core.deps.db = db.$extends({
    query: {
      inboundEvent: {
        updateMany: async ({ args, query }) => {
          if ((args.data as { status?: string }).status === 'processed') throw new Error('disk I/O error')
          return query(args)
        },
      },
    },
  }) as unknown as typeof db
  const answer = await handleCardAction(core.deps, click(cardId))
  core.deps.db = db
  expect(answer).toEqual({ toast: { type: 'error', text: CLICK_FAILED_TEXT } })
  // Nothing of it stands: no effect, no message, the card unchanged, and the same click may be tried again.
  expect(await db.jobRun.count({ where: { job: 'decision' } })).toBe(0)
  expect(await db.outbox.count({ where: { payload: { contains: '已通知' } } })).toBe(0)
  expect((await db.sentCard.findUniqueOrThrow({ where: { id: cardId } })).version).toBe(1)
  const again = await handleCardAction(core.deps, click(cardId))
  expect(again.toast).toEqual({ type: 'success', text: '已处理' })
  expect(await db.jobRun.count({ where: { job: 'decision' } })).toBe(1)
})

test('an unknown card or action answers with a toast, not an error', async () => {
  expect((await handleCardAction(core.deps, click('crd_000000000000000000'))).toast?.text).toMatch(/已失效/)
  const cardId = await sentCard()
  expect((await handleCardAction(core.deps, click(cardId, { action: 'no.such' }))).toast?.text).toMatch(/暂不支持/)
})

test.skipIf(!(await postgresAvailable()))('on PostgreSQL too: a batch is claimed, answered and recorded', async () => {
  const pg = await testCore('postgresql')
  try {
    pg.deps.processLater = () => {}
    for (let i = 1; i <= 3; i++) {
      await acceptEvent(pg.deps, { ...message(`pg-${i}`, '帮助'), reply: { messageId: `om_${i}` } })
    }
    expect(await processPendingEvents(pg.deps)).toBe(3)
    expect(await pg.deps.db.inboundEvent.count({ where: { status: 'processed', attempts: 1 } })).toBe(3)
    await pg.deps.outbox.drain()
    expect(pg.port.delivered.map((m) => m.reply?.messageId)).toEqual(['om_1', 'om_2', 'om_3'])
  } finally {
    await pg.close()
  }
})
