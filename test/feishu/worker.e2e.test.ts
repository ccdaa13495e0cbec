// The Feishu adapter on Workers: the real Worker under `wrangler dev` (workerd, local D1) with Feishu on and pointed
// at the fake open platform on 127.0.0.1. Checks what differs from Node: Web Crypto verification and decryption,
// the SDK Client over our fetch-based HTTP instance, and processing after the ack via executionCtx.waitUntil.
import { afterAll, beforeAll, expect, test } from 'vitest'
import {
  challenge,
  FAKE_ENCRYPT_KEY,
  FAKE_VERIFICATION_TOKEN,
  feishuRequest,
  messageEvent,
} from '../fakes/feishu/events.ts'
import { FAKE_APP_ID, FAKE_APP_SECRET, type FakeFeishu, startFakeFeishu } from '../fakes/feishu/server.ts'
import { waitFor } from '../helpers/server.ts'
import { startWranglerDev, type WranglerDev } from '../helpers/wrangler.ts'

let worker: WranglerDev
let fake: FakeFeishu
let base = ''

beforeAll(async () => {
  fake = await startFakeFeishu()
  worker = await startWranglerDev({
    FEISHU_APP_ID: FAKE_APP_ID,
    FEISHU_APP_SECRET: FAKE_APP_SECRET,
    FEISHU_VERIFICATION_TOKEN: FAKE_VERIFICATION_TOKEN,
    FEISHU_ENCRYPT_KEY: FAKE_ENCRYPT_KEY,
    FEISHU_BASE_URL: fake.url,
  })
  base = worker.base
}, 120_000)

afterAll(async () => {
  worker?.stop()
  await fake?.close()
})

const post = async (payload: unknown) => {
  const request = feishuRequest(payload, { encryptKey: FAKE_ENCRYPT_KEY })
  const res = await fetch(`${base}/webhooks/feishu/events`, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

test('answers an encrypted challenge and refuses a forged event on Workers', async () => {
  const body = challenge()
  expect(await post(body)).toEqual({ status: 200, body: { challenge: body.challenge } })
  const forged = feishuRequest(messageEvent(), { encryptKey: 'not-our-key' })
  const res = await fetch(`${base}/webhooks/feishu/events`, {
    method: 'POST',
    headers: forged.headers,
    body: forged.body,
  })
  expect(res.status).toBe(401)
})

test('acknowledges a group @-mention and replies with a card through the SDK client', async () => {
  const event = messageEvent({ text: '帮助' })
  expect(await post(event)).toEqual({ status: 200, body: {} })
  const reply = await waitFor(
    () => fake.messages().find((c) => c.path.endsWith('/reply')),
    15_000,
    'a reply from the Worker',
  )
  expect(reply!.path).toBe(`/open-apis/im/v1/messages/${event.event.message.message_id}/reply`)
  expect(JSON.parse(reply!.body.content as string)).toMatchObject({ schema: '2.0' })
}, 30_000)
