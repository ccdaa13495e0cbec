// The outbox port and API client against the fake DingTalk (no database): token caching and refresh, routing,
// flow-control mapping, idempotent card creation, images (upload, then a robot image message).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CardModel } from '../../src/cards/model.ts'
import { createLogger } from '../../src/log.ts'
import type { OutboxMessage, PlatformPort } from '../../src/outbox/port.ts'
import { createDingtalkApi } from '../../src/platforms/dingtalk/api.ts'
import { chunk, createDingtalkPort } from '../../src/platforms/dingtalk/port.ts'
import { type FakeDingtalk, GROUP_SEND, ONE_TO_ONE_SEND, startFakeDingtalk } from '../fakes/dingtalk/server.ts'

let fake: FakeDingtalk
const log = createLogger({ write: () => {} })
const card: CardModel = {
  template: 't',
  id: 'crd_p1',
  version: 1,
  title: '提醒',
  tone: 'blue',
  blocks: [],
  actions: [],
}

function port(cardTemplateId?: string): PlatformPort {
  const api = createDingtalkApi({
    baseUrl: fake.url,
    oapiBaseUrl: fake.url,
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
  })
  return createDingtalkPort({
    api,
    robotCode: 'r1',
    cardTemplateId,
    callbackType: 'STREAM',
    apiBaseUrl: fake.url,
    now: Date.now,
    log,
  })
}
const text = (id: number, address: OutboxMessage['address']): OutboxMessage => ({
  id,
  address,
  body: { kind: 'text', text: '您好' },
})

beforeEach(async () => {
  fake = await startFakeDingtalk()
})
afterEach(() => fake.close())

describe('DingTalk port', () => {
  it('fetches one token for many calls and a new one after a 401', async () => {
    const p = port()
    await Promise.all([1, 2, 3].map((i) => p.deliver(text(i, { platform: 'dingtalk', chatId: 'cidG' }))))
    expect(fake.callsTo('POST /v1.0/oauth2/accessToken')).toHaveLength(1)
    fake.expireTokens()
    expect(await p.deliver(text(4, { platform: 'dingtalk', chatId: 'cidG' }))).toMatchObject({ ok: true })
    expect(fake.callsTo('POST /v1.0/oauth2/accessToken')).toHaveLength(2)
  })

  it('routes a user address and a `user:` chat to the one-to-one API, other chats to the group API', async () => {
    const p = port()
    await p.deliver(text(1, { platform: 'dingtalk', userId: 'u1' }))
    await p.deliver(text(2, { platform: 'dingtalk', chatId: 'user:u2' }))
    await p.deliver(text(3, { platform: 'dingtalk', chatId: 'cidG' }))
    expect(fake.callsTo('POST /v1.0/robot/oToMessages/batchSend').map((c) => c.body.userIds)).toEqual([['u1'], ['u2']])
    expect(fake.callsTo('POST /v1.0/robot/groupMessages/send').map((c) => c.body.openConversationId)).toEqual(['cidG'])
  })

  it('maps flow control (429, send.too.fast, throttled staff) to retryable with a wait, and bad targets to permanent', async () => {
    const p = port()
    const group = { platform: 'dingtalk' as const, chatId: 'cidG' }
    fake.failNext(1, { status: 429, body: { code: 'Throttling' }, headers: { 'retry-after': '7' } }, GROUP_SEND)
    expect(await p.deliver(text(1, group))).toMatchObject({ ok: false, retryable: true, retryAfterMs: 7000 })
    fake.failNext(1, { status: 400, body: { code: 'send.too.fast', message: '发送过快' } }, GROUP_SEND)
    expect(await p.deliver(text(2, group))).toMatchObject({ ok: false, retryable: true, retryAfterMs: 30_000 })
    fake.failNext(1, { status: 200, body: { flowControlledStaffIdList: ['u1'] } }, ONE_TO_ONE_SEND)
    expect(await p.deliver(text(3, { platform: 'dingtalk', userId: 'u1' }))).toMatchObject({
      ok: false,
      retryable: true,
    })
    fake.failNext(1, { status: 400, body: { code: 'invalidParameter.openConversationId' } }, GROUP_SEND)
    expect(await p.deliver(text(4, group))).toMatchObject({ ok: false, retryable: false })
    fake.failNext(1, { status: 503, body: {} }, GROUP_SEND)
    expect(await p.deliver(text(5, group))).toMatchObject({ ok: false, retryable: true })
  })

  it('creates a card once: a retry after a lost answer counts as delivered', async () => {
    const p = port('tpl.schema')
    const msg: OutboxMessage = {
      id: 9,
      address: { platform: 'dingtalk', chatId: 'cidG' },
      body: { kind: 'card', card },
      card: { id: 'crd_p1', update: false },
    }
    expect(await p.deliver(msg)).toEqual({ ok: true, platformMessageId: 'crd_p1' })
    expect(await p.deliver(msg)).toEqual({ ok: true, platformMessageId: 'crd_p1' })
    expect(fake.cards.size).toBe(1)
  })

  it('falls back to the open API when the sessionWebhook is expired or points elsewhere', async () => {
    const p = port()
    const address = { platform: 'dingtalk' as const, chatId: 'cidG' }
    await p.deliver({
      ...text(1, address),
      reply: { sessionWebhook: fake.sessionWebhook().url, sessionWebhookExpiresAt: Date.now() - 1 },
    })
    await p.deliver({
      ...text(2, address),
      reply: { sessionWebhook: 'https://evil.example/hook', sessionWebhookExpiresAt: Date.now() + 60_000 },
    })
    expect(fake.calls.filter((c) => c.path === '/robot/sendBySession')).toHaveLength(0)
    expect(fake.callsTo('POST /v1.0/robot/groupMessages/send')).toHaveLength(2)
  })

  it('sends an image as an upload and a robot image message, with a fresh token when the old one is refused', async () => {
    const p = port()
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
    const image = (id: number, bytes: Uint8Array) => ({
      id,
      address: { platform: 'dingtalk', chatId: 'cidG' },
      png: bytes,
      alt: '走势图',
    })
    expect(await p.deliver(text(1, { platform: 'dingtalk', chatId: 'cidG' }))).toMatchObject({ ok: true })
    fake.expireTokens() // the upload is refused with errcode 40014 and tried once more with a new token
    expect(await p.deliverImage!(image(2, png))).toMatchObject({ ok: true })
    expect(fake.callsTo('POST /v1.0/oauth2/accessToken')).toHaveLength(2)
    const [sent] = fake.callsTo(GROUP_SEND).filter((c) => c.body.msgKey === 'sampleImageMsg')
    const { photoURL } = JSON.parse(String(sent!.body.msgParam)) as { photoURL: string }
    expect(fake.media.get(photoURL)).toMatchObject({ type: 'image', filename: 'image-2.png', bytes: png })
    // Bytes that are no image are refused by DingTalk for good; so is an image over 20 MB, without a call.
    expect(await p.deliverImage!(image(3, new TextEncoder().encode('not a png')))).toMatchObject({
      ok: false,
      retryable: false,
    })
    const uploads = fake.callsTo('POST /media/upload').length
    expect(await p.deliverImage!(image(4, new Uint8Array(20 * 1024 * 1024 + 1)))).toMatchObject({ retryable: false })
    expect(fake.callsTo('POST /media/upload')).toHaveLength(uploads)
  })

  it('splits user lists into batches of 20', () => {
    expect(
      chunk(
        Array.from({ length: 45 }, (_, i) => i),
        20,
      ).map((c) => c.length),
    ).toEqual([20, 20, 5])
  })
})
