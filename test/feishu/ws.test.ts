// FEISHU_MODE=ws end to end: the SDK WSClient against the fake gateway (protobuf frames), events and card clicks
// through the same pipeline, the callback answer carried in the ACK, and the silence watchdog.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CardActionHandler } from '../../src/bot/handler.ts'
import { cardActionEvent, messageEvent } from '../fakes/feishu/events.ts'
import { type FakeFeishu, startFakeFeishu } from '../fakes/feishu/server.ts'
import { FakeWsGateway } from '../fakes/feishu/ws-gateway.ts'
import { waitFor } from '../helpers/server.ts'
import { type FeishuTestServer, startFeishuServer } from './harness.ts'

let fake: FakeFeishu
let gateway: FakeWsGateway
let server: FeishuTestServer

const decide: CardActionHandler = {
  action: 'test.decide',
  handle: async () => ({ intent: 'test', cardResponse: { toast: { type: 'success', text: '已同意' } } }),
}

beforeEach(async () => {
  gateway = new FakeWsGateway()
  fake = await startFakeFeishu({ ws: gateway })
  server = await startFeishuServer(fake, { FEISHU_MODE: 'ws' }, { wsSilenceMs: 2500 })
  server.deps.handlers.actions.set(decide.action, decide)
  // The SDK pings on 'open' but attaches its frame listener a tick later; once our fake has seen a ping, it listens.
  await waitFor(() => gateway.open.length === 1 && gateway.pings > 0, 5000, 'a long connection')
})
afterEach(async () => {
  await server.close()
  await fake.close()
})

const replies = () => fake.messages().filter((c) => c.path.startsWith('/open-apis/im/v1/messages'))

describe('Feishu long connection', () => {
  it('feeds events into the pipeline and ACKs them; a re-push is not processed twice', async () => {
    const event = messageEvent({ eventId: 'ws-ev-1', text: '帮助' })
    expect(await gateway.push(event)).toEqual({ code: 200, data: undefined })
    expect(await gateway.push(event)).toMatchObject({ code: 200 })
    await waitFor(() => replies().length === 1, 5000, 'a reply')
    await server.idle()
    expect(replies()).toHaveLength(1)
    expect(replies()[0]!.path).toBe(`/open-apis/im/v1/messages/${event.event.message.message_id}/reply`)
  })

  it('carries the card callback answer in the ACK', async () => {
    const ack = await gateway.push(cardActionEvent({ value: { a: 'test.decide' } }))
    expect(ack).toEqual({ code: 200, data: { toast: { type: 'success', content: '已同意' } } })
  })

  it('reconnects after silence even though the socket never closed', async () => {
    gateway.silent = true
    await waitFor(() => gateway.sockets.length >= 2 && gateway.open.length === 1, 10_000, 'a fresh connection')
    gateway.silent = false
    expect(await gateway.push(messageEvent({ chatType: 'p2p', text: '帮助' }))).toMatchObject({ code: 200 })
  })
})
