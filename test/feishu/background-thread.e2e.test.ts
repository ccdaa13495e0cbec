// The production wiring on Node (PROCESSING=thread, the default without the simulator): the main thread verifies,
// stores and acknowledges; a worker thread processes, delivers and runs the jobs. Driven like Feishu drives it.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { parseEnv } from '../../src/config/env.ts'
import { deployMigrations } from '../../src/db/migrate.ts'
import { openNodeDb } from '../../src/db/node-db.ts'
import { createLogger } from '../../src/log.ts'
import { startNodeServer } from '../../src/runtime/node-server.ts'
import {
  cardActionEvent,
  FAKE_ENCRYPT_KEY,
  FAKE_VERIFICATION_TOKEN,
  feishuRequest,
  messageEvent,
} from '../fakes/feishu/events.ts'
import { FAKE_APP_ID, FAKE_APP_SECRET, type FakeFeishu, startFakeFeishu } from '../fakes/feishu/server.ts'
import { postgresAvailable, postgresTestUrl } from '../helpers/db.ts'
import { waitFor } from '../helpers/server.ts'

let fake: FakeFeishu
let databaseUrl: string
const logs: string[] = []

beforeEach(async () => {
  fake = await startFakeFeishu()
  databaseUrl = `file:${join(mkdtempSync(join(tmpdir(), 'qsbot-thread-')), 'bot.db')}`
  logs.length = 0
})
afterEach(() => fake.close())

async function start() {
  const config = parseEnv({
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    DATABASE_URL: databaseUrl,
    FEISHU_APP_ID: FAKE_APP_ID,
    FEISHU_APP_SECRET: FAKE_APP_SECRET,
    FEISHU_VERIFICATION_TOKEN: FAKE_VERIFICATION_TOKEN,
    FEISHU_ENCRYPT_KEY: FAKE_ENCRYPT_KEY,
    FEISHU_BASE_URL: fake.url,
  })
  expect(config.env.PROCESSING).toBe('thread')
  return startNodeServer(config, { scheduler: false, log: createLogger({ write: (line) => logs.push(line) }) })
}

const replies = () => fake.messages().filter((c) => c.path.startsWith('/open-apis/im/v1/messages'))

async function deliver(url: string, event: ReturnType<typeof messageEvent>) {
  const { body, headers } = feishuRequest(event, { encryptKey: FAKE_ENCRYPT_KEY })
  const res = await fetch(`${url}/webhooks/feishu/events`, { method: 'POST', headers, body })
  return { status: res.status, body: await res.json() }
}

test('a message is acknowledged by the main thread and answered by the background thread, once', async () => {
  const server = await start()
  try {
    const health = await (await fetch(`${server.url}/healthz`)).json()
    expect(health).toMatchObject({ status: 'ok', database: 'ok', background: 'running' })

    const event = messageEvent({ text: '帮助' })
    expect(await deliver(server.url, event)).toEqual({ status: 200, body: {} })
    const [reply] = (await waitFor(() => (replies().length ? replies() : null), 10_000, 'the reply')) ?? []
    expect(reply!.path).toBe(`/open-apis/im/v1/messages/${event.event.message.message_id}/reply`)
    expect(reply!.body.msg_type).toBe('interactive')

    // Feishu retries the same event: acknowledged again, never answered twice.
    expect(await deliver(server.url, event)).toEqual({ status: 200, body: {} })
    await server.idle()
    expect(replies()).toHaveLength(1)

    // The thread's log lines reach the main thread's logger, marked as the thread's.
    const processed = logs.map((line) => JSON.parse(line)).find((l) => l.msg === 'event processed')
    expect(processed).toMatchObject({ thread: 'background', platform: 'feishu', intent: 'help' })
  } finally {
    await server.close()
  }
})

test('a card click is answered on the main thread; what it sends is delivered by the background thread', async () => {
  const server = await start()
  try {
    expect(await deliver(server.url, messageEvent({ text: '帮助' }))).toEqual({ status: 200, body: {} })
    const [help] = (await waitFor(() => (replies().length ? replies() : null), 10_000, 'the help card')) ?? []
    const card = JSON.parse(help!.body.content as string)
    const mine = JSON.stringify(card).match(/"value":(\{[^{}]*"a":"ticket\.mine"[^{}]*\})/)
    expect(mine).not.toBeNull()

    const click = feishuRequest(cardActionEvent({ value: JSON.parse(mine![1]!), chatId: 'oc_group_1' }), {
      encryptKey: FAKE_ENCRYPT_KEY,
    })
    const res = await fetch(`${server.url}/webhooks/feishu/cards`, { method: 'POST', ...click })
    expect(res.status).toBe(200)
    // The click's own answer comes at once; the list it asked for is a new message, sent from the other thread.
    const [list] =
      (await waitFor(() => (replies().length > 1 ? replies().slice(1) : null), 10_000, 'the ticket list')) ?? []
    expect(list!.body.content).toContain('我的工单进度')
    expect(list!.body.content).toContain('您还没有提交过服务申请')
  } finally {
    await server.close()
  }
})

test('events stored but not processed before a restart are answered when the new thread starts', async () => {
  // A previous process acknowledged this event and died before processing it.
  await deployMigrations(databaseUrl)
  const db = await openNodeDb(databaseUrl)
  const event = messageEvent({ text: '帮助' })
  await db.inboundEvent.create({
    data: {
      platform: 'feishu',
      eventId: event.header.event_id,
      kind: 'message',
      payload: JSON.stringify({
        kind: 'message',
        eventId: event.header.event_id,
        platform: 'feishu',
        chat: { platform: 'feishu', chatId: 'oc_group_1', chatType: 'group' },
        sender: { platform: 'feishu', userId: 'ou_user_1' },
        text: '帮助',
        reply: { messageId: event.event.message.message_id },
        receivedAt: new Date().toISOString(),
      }),
    },
  })
  await db.$disconnect()

  const server = await start()
  try {
    const [reply] = (await waitFor(() => (replies().length ? replies() : null), 10_000, 'the late reply')) ?? []
    expect(reply!.path).toBe(`/open-apis/im/v1/messages/${event.event.message.message_id}/reply`)
    expect(await server.deps.db.inboundEvent.findFirst()).toMatchObject({ status: 'processed', attempts: 1 })
  } finally {
    await server.close()
  }
})

test('PROCESSING=thread with the simulator on is refused with a clear reason', () => {
  expect(() => parseEnv({ SIMULATOR: 'on', PROCESSING: 'thread' })).toThrow(/PROCESSING=thread needs SIMULATOR=off/)
  expect(parseEnv({}).env.PROCESSING).toBe('inline')
  expect(parseEnv({ NODE_ENV: 'production' }).env.PROCESSING).toBe('thread')
})

test('a background thread that cannot start is refused with its reason (so the server does not start)', async () => {
  const config = parseEnv({
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    KNOWLEDGE_DIR: join(tmpdir(), 'qsbot-no-such-knowledge-dir'),
  })
  const startThread = async () => {
    const { startBackgroundThread } = await import('../../src/runtime/background-host.ts')
    await deployMigrations(databaseUrl)
    return startBackgroundThread(config, { log: createLogger({ write: (line) => logs.push(line) }), scheduler: false })
  }
  await expect(startThread()).rejects.toThrow(
    /background thread exited during start-up \(code 1\): .*qsbot-no-such-knowledge-dir/,
  )
  expect(logs.some((line) => /background thread failed/.test(line))).toBe(true)
})

test('a background thread that dies is replaced, and events reach the new one', async () => {
  const { startBackgroundThread } = await import('../../src/runtime/background-host.ts')
  process.env.CRASHING_THREAD_MARKER = join(mkdtempSync(join(tmpdir(), 'qsbot-crash-')), 'crashed')
  const thread = await startBackgroundThread(parseEnv({ NODE_ENV: 'production', DATABASE_URL: databaseUrl }), {
    log: createLogger({ write: (line) => logs.push(line) }),
    scheduler: false,
    entry: new URL('../fakes/crashing-thread.ts', import.meta.url),
  })
  try {
    expect(thread.state()).toBe('running')
    thread.submit(1) // the thread dies with it
    await waitFor(() => thread.state() === 'restarting', 5000, 'the thread to die')
    await waitFor(() => thread.state() === 'running', 5000, 'a new thread')
    thread.submit(2)
    await waitFor(() => logs.some((line) => /stand-in got event.*"id":2/.test(line)), 5000, 'event 2 on the new thread')
    expect(logs.some((line) => /background thread exited; starting a new one/.test(line))).toBe(true)
  } finally {
    await thread.stop()
  }
})

test.skipIf(!(await postgresAvailable()))(
  'on PostgreSQL: acknowledged on the main thread, answered once by the background thread',
  async () => {
    const pg = await postgresTestUrl()
    databaseUrl = pg.url
    const server = await start()
    try {
      const event = messageEvent({ text: '帮助' })
      expect(await deliver(server.url, event)).toEqual({ status: 200, body: {} })
      expect(await deliver(server.url, event)).toEqual({ status: 200, body: {} })
      await waitFor(() => (replies().length ? replies() : null), 10_000, 'the reply')
      await server.idle()
      expect(replies()).toHaveLength(1)
      expect(await server.deps.db.inboundEvent.findFirst()).toMatchObject({ status: 'processed', attempts: 1 })
    } finally {
      await server.close()
      await pg.drop()
    }
  },
)
