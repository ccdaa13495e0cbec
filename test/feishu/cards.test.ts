// Card round trip end to end: the bot sends a card, a click comes back (new-style and old-style callbacks) and is
// answered within the request with a toast and the updated card; duplicates, stale versions and forgeries.
import { beforeEach, describe, expect, it } from 'vitest'
import {
  cardActionEvent,
  FAKE_ENCRYPT_KEY,
  feishuRequest,
  legacyCardAction,
  legacyCardRequest,
  messageEvent,
} from '../fakes/feishu/events.ts'
import { decide } from '../helpers/actions.ts'
import { withFeishu } from '../helpers/feishu.ts'
import { waitFor } from '../helpers/server.ts'
import { cardProblems } from './card-schema.ts'

const feishu = withFeishu()
beforeEach(() => {
  feishu.server.deps.handlers.actions.set(decide.action, decide)
})

/** Asks for help in the group and returns our card id and version from the delivered card's first button. */
async function deliveredCard(): Promise<{ c: string; v: number; messageId: string }> {
  const res = await fetch(`${feishu.server.url}/webhooks/feishu/events`, {
    method: 'POST',
    ...feishuRequest(messageEvent({ text: '帮助' }), { encryptKey: FAKE_ENCRYPT_KEY }),
  })
  expect(res.status).toBe(200)
  const call = (await waitFor(() => feishu.fake.messages()[0], 5000, 'a delivered card'))!
  const value = /"type":"callback","value":(\{[^}]*\})/.exec(call.body.content as string)?.[1]
  const { c, v } = JSON.parse(value!) as { c: string; v: number }
  await waitFor(
    async () => (await feishu.server.deps.db.sentCard.findUnique({ where: { id: c } }))?.platformMessageId,
    5000,
    'the message id',
  )
  return { c, v, messageId: 'om_fake_1' }
}

async function click(path: 'cards' | 'events', payload: unknown, legacy = false) {
  const request = legacy ? legacyCardRequest(payload) : feishuRequest(payload, { encryptKey: FAKE_ENCRYPT_KEY })
  const res = await fetch(`${feishu.server.url}/webhooks/feishu/${path}`, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe('Feishu card callbacks', () => {
  it('answers a card.action.trigger with a toast and the updated card 2.0', async () => {
    const { c, v, messageId } = await deliveredCard()
    const answer = await click('cards', cardActionEvent({ value: { a: 'test.decide', c, v }, messageId }))
    expect(answer.status).toBe(200)
    expect(answer.body.toast).toEqual({ type: 'success', content: '已同意' })
    const card = answer.body.card as { type: string; data: Record<string, unknown> }
    expect(card.type).toBe('raw')
    expect(card.data).toMatchObject({ header: { title: { content: '申请已同意' } } })
    expect(cardProblems(card.data)).toEqual([])
  })

  it('accepts the click on the events URL too, and answers a retried click without running it twice', async () => {
    const { c, v } = await deliveredCard()
    const event = cardActionEvent({ value: { a: 'test.decide', c, v } })
    const first = await click('events', event)
    const again = await click('events', event)
    expect(first.body.toast).toEqual({ type: 'success', content: '已同意' })
    expect(again.status).toBe(200)
    expect(again.body.toast).toBeUndefined()
    expect((again.body.card as { data: unknown }).data).toMatchObject({ header: { title: { content: '申请已同意' } } })
  })

  it('refuses a click on an older version of the card', async () => {
    const { c, v } = await deliveredCard()
    await click('cards', cardActionEvent({ value: { a: 'test.decide', c, v } }))
    const stale = await click('cards', cardActionEvent({ value: { a: 'test.decide', c, v } }))
    expect(stale.body.toast).toMatchObject({ type: 'warning' })
  })

  it('answers the old-style callback with the bare replacement card', async () => {
    const { c, v, messageId } = await deliveredCard()
    const answer = await click('cards', legacyCardAction({ value: { a: 'test.decide', c, v }, messageId }), true)
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ schema: '2.0', header: { title: { content: '申请已同意' } } })
  })

  it('refuses forged clicks of both styles with 401 and leaves the card alone', async () => {
    const { c, v } = await deliveredCard()
    const forged = feishuRequest(cardActionEvent({ value: { a: 'test.decide', c, v } }), { encryptKey: 'not-our-key' })
    const legacy = legacyCardRequest(legacyCardAction({ value: { a: 'test.decide', c, v } }), 'not-our-token')
    for (const request of [forged, legacy]) {
      const res = await fetch(`${feishu.server.url}/webhooks/feishu/cards`, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
      })
      expect(res.status).toBe(401)
    }
    expect(await feishu.server.deps.db.sentCard.findUniqueOrThrow({ where: { id: c } })).toMatchObject({ version: v })
  })
})
