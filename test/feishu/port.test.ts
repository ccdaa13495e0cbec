import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../src/log.ts'
import { createFeishuApi } from '../../src/platforms/feishu/api.ts'
import { createFeishuPort } from '../../src/platforms/feishu/port.ts'
import { FAKE_APP_ID, FAKE_APP_SECRET, type FakeFeishu, startFakeFeishu } from '../fakes/feishu/server.ts'
import { renderCard } from '../helpers/cards.ts'

let fake: FakeFeishu
const card = renderCard('welcome', { chatName: '鞋业企业服务群' })
const setup = () => {
  const api = createFeishuApi({ appId: FAKE_APP_ID, appSecret: FAKE_APP_SECRET, baseUrl: fake.url, log: silentLogger })
  return { api, port: createFeishuPort(api, silentLogger) }
}

beforeEach(async () => {
  fake = await startFakeFeishu()
})
afterEach(() => fake.close())

describe('Feishu API client and outbox port (against the fake open platform)', () => {
  it('sends a card to a chat with the SDK client, fetching the token once', async () => {
    const { port } = setup()
    const first = await port.deliver({
      id: 1,
      address: { platform: 'feishu', chatId: 'oc_1' },
      body: { kind: 'card', card },
      card: { id: 'card_1', update: false },
    })
    const second = await port.deliver({
      id: 2,
      address: { platform: 'feishu', userId: 'ou_9' },
      body: { kind: 'text', text: '您好' },
    })
    expect(first).toEqual({ ok: true, platformMessageId: 'om_fake_1' })
    expect(second).toEqual({ ok: true, platformMessageId: 'om_fake_2' })
    expect(fake.tokensIssued()).toBe(1)
    const [create, text] = fake.messages()
    expect(create).toMatchObject({
      method: 'POST',
      path: '/open-apis/im/v1/messages',
      query: { receive_id_type: 'chat_id' },
      token: 't-fake-1',
    })
    expect(create!.body).toMatchObject({ receive_id: 'oc_1', msg_type: 'interactive', uuid: 'outbox-1' })
    const sent = JSON.parse(create!.body.content as string)
    expect(sent).toMatchObject({ schema: '2.0', config: { update_multi: true } })
    expect(JSON.stringify(sent)).toContain('"c":"card_1"')
    expect(text).toMatchObject({
      query: { receive_id_type: 'open_id' },
      body: { receive_id: 'ou_9', msg_type: 'text', content: '{"text":"您好"}' },
    })
  })

  it('replies when the row carries a message id, and PATCHes a card update', async () => {
    const { port } = setup()
    const reply = await port.deliver({
      id: 3,
      address: { platform: 'feishu', chatId: 'oc_1' },
      body: { kind: 'text', text: '收到' },
      reply: { messageId: 'om_in_1' },
    })
    const patch = await port.deliver({
      id: 4,
      address: { platform: 'feishu', chatId: 'oc_1' },
      body: { kind: 'card', card },
      card: { id: 'card_1', update: true, platformMessageId: 'om_card_1' },
    })
    const orphan = await port.deliver({
      id: 5,
      address: { platform: 'feishu', chatId: 'oc_1' },
      body: { kind: 'card', card },
      card: { id: 'card_2', update: true },
    })
    expect(reply).toMatchObject({ ok: true })
    expect(patch).toEqual({ ok: true, platformMessageId: 'om_card_1' })
    expect(orphan).toMatchObject({ ok: false, retryable: false })
    expect(fake.messages().map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /open-apis/im/v1/messages/om_in_1/reply',
      'PATCH /open-apis/im/v1/messages/om_card_1',
    ])
  })

  it('maps 429 / 99991400 with x-ogw-ratelimit-reset and 230020 to retryable with a wait', async () => {
    const { port } = setup()
    const message = {
      id: 6,
      address: { platform: 'feishu' as const, chatId: 'oc_1' },
      body: { kind: 'text' as const, text: 'hi' },
    }
    fake.failNext(1, {
      status: 429,
      code: 99991400,
      msg: 'request trigger frequency limit',
      headers: { 'x-ogw-ratelimit-reset': '7' },
    })
    expect(await port.deliver(message)).toMatchObject({ ok: false, retryable: true, retryAfterMs: 7000 })
    fake.failNext(1, { status: 400, code: 230020, msg: 'chat rate limited' })
    expect(await port.deliver(message)).toMatchObject({ ok: false, retryable: true, retryAfterMs: 1000 })
    fake.failNext(1, { status: 400, code: 230002, msg: 'bot not in chat' })
    expect(await port.deliver(message)).toMatchObject({ ok: false, retryable: false })
    fake.failNext(1, { status: 503, code: 1, msg: 'busy' })
    expect(await port.deliver(message)).toMatchObject({ ok: false, retryable: true })
    expect(await port.deliver(message)).toMatchObject({ ok: true })
  })

  it('refreshes the token once when Feishu says it is invalid (99991663)', async () => {
    const { port } = setup()
    const message = {
      id: 7,
      address: { platform: 'feishu' as const, chatId: 'oc_1' },
      body: { kind: 'text' as const, text: 'hi' },
    }
    expect(await port.deliver(message)).toMatchObject({ ok: true })
    fake.expireTokens()
    expect(await port.deliver({ ...message, id: 8 })).toMatchObject({ ok: true })
    expect(fake.tokensIssued()).toBe(2)
    expect(fake.messages().at(-1)?.token).toBe('t-fake-2')
  })

  it('keeps token caches apart per client (the SDK default cache is process-global)', async () => {
    const a = setup()
    await a.port.deliver({ id: 9, address: { platform: 'feishu', chatId: 'oc_1' }, body: { kind: 'text', text: 'a' } })
    const b = setup()
    await b.port.deliver({ id: 10, address: { platform: 'feishu', chatId: 'oc_1' }, body: { kind: 'text', text: 'b' } })
    expect(fake.tokensIssued()).toBe(2)
  })

  it('refuses a card over 30 KB permanently without calling Feishu', async () => {
    const { port } = setup()
    const big = { ...card, blocks: [{ type: 'markdown' as const, text: '字'.repeat(11_000) }] }
    expect(
      await port.deliver({
        id: 11,
        address: { platform: 'feishu', chatId: 'oc_1' },
        body: { kind: 'card', card: big },
      }),
    ).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('card_too_large') })
    expect(fake.messages()).toEqual([])
  })

  it('updates a card with the delayed-update token and reads the bot identity', async () => {
    const { api } = setup()
    expect(await api.updateCardByToken('c-token', { schema: '2.0' })).toMatchObject({ ok: true })
    expect(fake.messages()[0]).toMatchObject({
      path: '/open-apis/interactive/v1/card/update',
      body: { token: 'c-token', card: { schema: '2.0' } },
    })
    expect(await api.botOpenId()).toBe('ou_bot_0001')
  })
})
