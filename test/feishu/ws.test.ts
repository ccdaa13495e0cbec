// FEISHU_MODE=ws end to end: the SDK WSClient against the fake gateway (protobuf frames), events and card clicks
// through the same pipeline, the callback answer carried in the ACK, and the silence watchdog.
import { beforeEach, describe, expect, it } from 'vitest'
import type { CardActionHandler } from '../../src/bot/handler.ts'
import { cardActionEvent, messageEvent } from '../fakes/feishu/events.ts'
import { withFeishu } from '../helpers/feishu.ts'
import { waitFor } from '../helpers/server.ts'

const decide: CardActionHandler = {
  action: 'test.decide',
  handle: async () => ({ intent: 'test', cardResponse: { toast: { type: 'success', text: '已同意' } } }),
}

const feishu = withFeishu({ env: { FEISHU_MODE: 'ws' }, ws: true, wsSilenceMs: 2500 })
beforeEach(async () => {
  feishu.server.deps.handlers.actions.set(decide.action, decide)
  // The SDK pings on 'open' but attaches its frame listener a tick later; once our fake has seen a ping, it listens.
  await waitFor(() => feishu.gateway.open.length === 1 && feishu.gateway.listening, 5000, 'a long connection')
})

const replies = () => feishu.fake.messages().filter((c) => c.path.startsWith('/open-apis/im/v1/messages'))

describe('Feishu long connection', () => {
  it('feeds events into the pipeline and ACKs them; a re-push is not processed twice', async () => {
    const event = messageEvent({ eventId: 'ws-ev-1', text: '帮助' })
    expect(await feishu.gateway.push(event)).toEqual({ code: 200, data: undefined })
    expect(await feishu.gateway.push(event)).toMatchObject({ code: 200 })
    await waitFor(() => replies().length === 1, 5000, 'a reply')
    await feishu.server.idle()
    expect(replies()).toHaveLength(1)
    expect(replies()[0]!.path).toBe(`/open-apis/im/v1/messages/${event.event.message.message_id}/reply`)
  })

  it('carries the card callback answer in the ACK', async () => {
    const ack = await feishu.gateway.push(cardActionEvent({ value: { a: 'test.decide' } }))
    expect(ack).toEqual({ code: 200, data: { toast: { type: 'success', content: '已同意' } } })
  })

  it('reconnects after silence even though the socket never closed', async () => {
    feishu.gateway.silent = true
    await waitFor(
      () => feishu.gateway.sockets.length >= 2 && feishu.gateway.open.length === 1,
      10_000,
      'a fresh connection',
    )
    feishu.gateway.silent = false
    // The new connection's client pings once it listens: a push before that would find no listener.
    await waitFor(() => feishu.gateway.listening, 5000, 'the fresh connection listening')
    expect(await feishu.gateway.push(messageEvent({ chatType: 'p2p', text: '帮助' }))).toMatchObject({ code: 200 })
  })
})
