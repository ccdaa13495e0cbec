// Stream mode against the fake gateway: subscription, robot messages acked and answered, card clicks answered in the
// ack, SYSTEM ping echoed, and the watchdog reconnecting after a server `disconnect` or a silent connection.
import { beforeEach, describe, expect, it } from 'vitest'
import { botCore } from '../../src/bot/core.ts'
import type { CardActionHandler } from '../../src/bot/handler.ts'
import { createDingtalkStream } from '../../src/platforms/dingtalk/stream.ts'
import { TOPIC_CARD, TOPIC_ROBOT } from '../../src/platforms/dingtalk/stream-topics.ts'
import { installEcho, withDingtalk } from '../helpers/dingtalk.ts'
import { waitFor } from '../helpers/server.ts'
import { cardClick, robotText } from './fixtures.ts'

const dingtalk = withDingtalk({
  env: { DINGTALK_MODE: 'stream', DINGTALK_CARD_TEMPLATE_ID: 'generic-card.schema' },
  stream: { idleMs: 800, pingEveryMs: 200, reconnectMinMs: 50 },
})
beforeEach(async () => {
  installEcho(dingtalk.server.deps)
  await waitFor(() => dingtalk.fake.gateway.open.length === 1, 5000, 'a stream connection')
})

const opens = () => dingtalk.fake.callsTo('POST /v1.0/gateway/connections/open')

describe('DingTalk Stream mode', () => {
  it('subscribes to exactly the robot and card topics', () => {
    expect(opens()).toHaveLength(1)
    expect(opens()[0]?.body.subscriptions).toEqual([
      { type: 'CALLBACK', topic: TOPIC_ROBOT },
      { type: 'CALLBACK', topic: TOPIC_CARD },
    ])
  })

  it('acks a robot message and answers it through the sessionWebhook', async () => {
    const hook = dingtalk.fake.sessionWebhook('st-1')
    const ack = await dingtalk.fake.gateway.pushCallback(
      TOPIC_ROBOT,
      robotText({
        msgId: 'msg-stream-1',
        text: { content: 'echo 流' },
        sessionWebhook: hook.url,
        sessionWebhookExpiredTime: hook.expiresAt,
      }),
    )
    expect(ack).toMatchObject({ code: 200, message: 'OK' })
    expect(JSON.parse(ack.data)).toEqual({ response: {} })
    const reply = await waitFor(
      () => dingtalk.fake.calls.find((c) => c.path === '/robot/sendBySession'),
      5000,
      'a reply',
    )
    expect(reply?.query.session).toBe('st-1')
    expect(await dingtalk.server.deps.db.inboundEvent.count({ where: { eventId: 'msg-stream-1' } })).toBe(1)
  })

  it('answers a card click in the ack with the new cardParamMap', async () => {
    const decide: CardActionHandler = {
      action: 'test.decide',
      handle: async ({ card }) => ({
        intent: 'test',
        cardResponse: { card: card ? { ...card.model, title: '已处理', actions: [] } : undefined },
      }),
    }
    dingtalk.server.deps.handlers.actions.set(decide.action, decide)
    await dingtalk.fake.gateway.pushCallback(TOPIC_ROBOT, robotText({ text: { content: '帮助' } }))
    const delivered = await waitFor(() => dingtalk.fake.callsTo('POST /v1.0/card/instances/createAndDeliver')[0])
    expect(delivered?.body.callbackType).toBe('STREAM')
    const id = String(delivered?.body.outTrackId)
    await dingtalk.server.idle()
    const ack = await dingtalk.fake.gateway.pushCallback(TOPIC_CARD, cardClick(id, { a: 'test.decide', c: id, v: '1' }))
    const { response } = JSON.parse(ack.data) as { response: { cardData: { cardParamMap: Record<string, string> } } }
    expect(response.cardData.cardParamMap).toMatchObject({ title: '已处理', version: '2' })
  })

  it('echoes SYSTEM pings and survives a malformed frame', async () => {
    dingtalk.fake.gateway.open[0]?.send('not json at all')
    const ack = await dingtalk.fake.gateway.ping()
    expect(ack).toMatchObject({ code: 200, data: '{"opaque":"o-1"}' })
  })

  it('reconnects at once after a server disconnect frame, and keeps receiving', async () => {
    dingtalk.fake.gateway.announceDisconnect()
    await waitFor(() => opens().length === 2 && dingtalk.fake.gateway.open.length === 1, 5000, 'a new connection')
    const ack = await dingtalk.fake.gateway.pushCallback(TOPIC_ROBOT, robotText({ msgId: 'msg-after-reconnect' }))
    expect(ack.code).toBe(200)
  })

  it('reconnects when the connection goes silent', async () => {
    dingtalk.fake.gateway.goSilent()
    // The silenced socket is paused, so the gateway may still count it as open: wait for the new socket itself.
    const newest = () => dingtalk.fake.gateway.sockets.at(-1)
    await waitFor(
      () => dingtalk.fake.gateway.sockets.length >= 2 && newest()?.readyState === newest()?.OPEN,
      15_000,
      'a reconnect after silence',
    )
    expect(opens().length).toBeGreaterThanOrEqual(2)
    const ack = await dingtalk.fake.gateway.pushCallback(TOPIC_ROBOT, robotText({ msgId: 'msg-after-silence' }))
    expect(ack.code).toBe(200)
  })

  it('refuses a second Stream client in the same process', async () => {
    const second = createDingtalkStream(dingtalk.server.deps, {
      clientId: dingtalk.fake.clientId,
      clientSecret: dingtalk.fake.clientSecret,
      apiBaseUrl: dingtalk.fake.url,
      core: { ...botCore, acceptEvent: async () => ({ status: 'accepted' }), handleCardAction: async () => ({}) },
    })
    await expect(second.start()).rejects.toThrow(/already running/)
  })
})
