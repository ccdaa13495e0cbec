// The event subscription end to end: real server + SQLite + fake Feishu, encrypted and signed like Feishu does.
import { describe, expect, it } from 'vitest'
import {
  botAddedEvent,
  challenge,
  encryptForFeishu,
  FAKE_ENCRYPT_KEY,
  feishuRequest,
  messageEvent,
} from '../fakes/feishu/events.ts'
import { withFeishu } from '../helpers/feishu.ts'
import { waitFor } from '../helpers/server.ts'

const feishu = withFeishu()

async function post(path: string, request: { body: string; headers: Record<string, string> }) {
  const res = await fetch(`${feishu.server.url}/webhooks/feishu/${path}`, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}
const send = (payload: unknown, options: Parameters<typeof feishuRequest>[1] = {}) =>
  post('events', feishuRequest(payload, { encryptKey: FAKE_ENCRYPT_KEY, ...options }))
const sentMessagesOf = <T>(list: T[] | null): T[] => list ?? []
const sentMessages = () => feishu.fake.messages().filter((c) => c.path.startsWith('/open-apis/im/v1/messages'))

describe('POST /webhooks/feishu/events', () => {
  it('answers url_verification, encrypted (signed or not) and plain, with the plaintext challenge', async () => {
    const body = challenge()
    expect(await send(body)).toEqual({ status: 200, body: { challenge: body.challenge } })
    expect(await send(body, { sign: false })).toEqual({ status: 200, body: { challenge: body.challenge } })
    expect(await post('events', feishuRequest(body))).toEqual({ status: 200, body: { challenge: body.challenge } })
    expect(await post('events', feishuRequest(challenge('wrong-token')))).toMatchObject({
      status: 401,
      body: { reason: 'invalid_token' },
    })
  })

  it('replies to a group @-mention with a card 2.0, through the reply API', async () => {
    const event = messageEvent({ text: '帮助' })
    expect(await send(event)).toEqual({ status: 200, body: {} })
    const [reply] = sentMessagesOf(
      await waitFor(() => (sentMessages().length ? sentMessages() : null), 5000, 'a reply'),
    )
    expect(reply!.path).toBe(`/open-apis/im/v1/messages/${event.event.message.message_id}/reply`)
    expect(reply!.body.msg_type).toBe('interactive')
    expect(JSON.parse(reply!.body.content as string)).toMatchObject({
      schema: '2.0',
      config: { update_multi: true },
      header: { title: { content: expect.any(String) } },
    })
  })

  it('answers p2p text and ignores a group message that does not mention the bot', async () => {
    expect(await send(messageEvent({ chatType: 'p2p', text: '帮助' }))).toEqual({ status: 200, body: {} })
    expect(await send(messageEvent({ mentionBot: false, text: '大家好' }))).toEqual({ status: 200, body: {} })
    await waitFor(() => sentMessages().length === 1, 5000, 'one reply')
    await feishu.server.idle()
    expect(sentMessages()).toHaveLength(1)
    expect(await feishu.server.deps.db.inboundEvent.count()).toBe(1)
  })

  it('processes an event once however often Feishu retries it', async () => {
    const event = messageEvent({ eventId: 'ev-retried', text: '帮助' })
    const answers = [await send(event), await send(event), await send(event)]
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200])
    await waitFor(() => sentMessages().length === 1, 5000, 'one reply')
    await feishu.server.idle()
    expect(sentMessages()).toHaveLength(1)
    expect(await feishu.server.deps.db.inboundEvent.count()).toBe(1)
  })

  it('sends a welcome card when the bot is added to a chat', async () => {
    expect(await send(botAddedEvent('oc_new_group'))).toEqual({ status: 200, body: {} })
    const [call] = sentMessagesOf(
      await waitFor(() => (sentMessages().length ? sentMessages() : null), 5000, 'a welcome card'),
    )
    expect(call).toMatchObject({
      path: '/open-apis/im/v1/messages',
      query: { receive_id_type: 'chat_id' },
      body: { receive_id: 'oc_new_group', msg_type: 'interactive' },
    })
  })

  it('refuses forged, unsigned, foreign and malformed requests with 4xx and a reason, and does nothing', async () => {
    const event = messageEvent({ text: '帮助' })
    const forged = feishuRequest(event, { encryptKey: FAKE_ENCRYPT_KEY })
    forged.headers['x-lark-signature'] = '0'.repeat(64)
    const wrongKey = feishuRequest(event, { encryptKey: 'someone-elses-key' })
    const replayed = feishuRequest(event, {
      encryptKey: FAKE_ENCRYPT_KEY,
      timestamp: Math.floor(Date.now() / 1000) - 9 * 3600,
    })
    const cases = [
      [await post('events', forged), 401, 'invalid_signature'],
      [await post('events', wrongKey), 401, 'invalid_signature'],
      [await post('events', replayed), 401, 'stale_request'],
      [await send(event, { sign: false }), 401, 'missing_signature'],
      [await post('events', feishuRequest(event)), 401, 'missing_signature'],
      [await send(messageEvent({ token: 'wrong-token' })), 401, 'invalid_token'],
      [await send(messageEvent({ appId: 'cli_0000000000000000' })), 401, 'app_mismatch'],
      [await post('events', { body: 'not json', headers: {} }), 400, 'invalid_json'],
      [await send({ hello: 'world' }), 400, 'unknown_envelope'],
      [
        await post(
          'events',
          feishuRequest({ encrypt: encryptForFeishu('not json') }, { encryptKey: FAKE_ENCRYPT_KEY }),
        ),
        400,
        'unknown_envelope',
      ],
    ] as const
    for (const [answer, status, reason] of cases) expect(answer).toMatchObject({ status, body: { reason } })
    await feishu.server.idle()
    expect(await feishu.server.deps.db.inboundEvent.count()).toBe(0)
    expect(sentMessages()).toEqual([])
  })

  it('delivers a reply later, not never, when Feishu rate-limits the first attempt', async () => {
    feishu.fake.failNext(1, {
      status: 429,
      code: 99991400,
      msg: 'request trigger frequency limit',
      headers: { 'x-ogw-ratelimit-reset': '3' },
    })
    await send(messageEvent({ text: '帮助' }))
    const held = () => feishu.server.deps.db.outbox.findFirst({ where: { attempts: 1, status: 'pending' } })
    const row = (await waitFor(held, 5000, 'a held-back row'))!
    expect(row.nextAttemptAt.getTime() - feishu.server.clock.now().getTime()).toBeGreaterThanOrEqual(2000)
    expect(sentMessages()).toHaveLength(0)
    feishu.server.clock.advance(60_000)
    await feishu.server.deps.outbox.drain()
    expect(sentMessages()).toHaveLength(1)
    expect(await feishu.server.deps.db.outbox.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: 'sent',
    })
  })
})
