// The card-callback time budget: a click slower than the budget is answered at once with a toast, and the card is
// updated afterwards with the delayed-update token (POST interactive/v1/card/update on the fake).
import { afterEach, beforeEach, expect, it } from 'vitest'
import { type BotCore, botCore } from '../../src/bot/core.ts'
import type { CardActionResponse } from '../../src/bot/types.ts'
import type { CoreDeps } from '../../src/deps.ts'
import { silentLogger } from '../../src/log.ts'
import { createFeishuApi } from '../../src/platforms/feishu/api.ts'
import { readEnvelope } from '../../src/platforms/feishu/decode.ts'
import { receiveEnvelope } from '../../src/platforms/feishu/receive.ts'
import { cardActionEvent } from '../fakes/feishu/events.ts'
import { FAKE_APP_ID, FAKE_APP_SECRET, type FakeFeishu, startFakeFeishu } from '../fakes/feishu/server.ts'
import { renderCard } from '../helpers/cards.ts'
import { waitFor } from '../helpers/server.ts'

let fake: FakeFeishu
beforeEach(async () => {
  fake = await startFakeFeishu()
})
afterEach(() => fake.close())

function context(handle: () => Promise<CardActionResponse>) {
  const tasks: Promise<unknown>[] = []
  const deps = {
    log: silentLogger,
    clock: { now: () => new Date() },
    defer: (task: () => Promise<unknown>) => void tasks.push(task()),
  } as unknown as CoreDeps
  const core: BotCore = { ...botCore, acceptEvent: async () => ({ status: 'accepted' }), handleCardAction: handle }
  const api = createFeishuApi({ appId: FAKE_APP_ID, appSecret: FAKE_APP_SECRET, baseUrl: fake.url, log: silentLogger })
  return { deps, core, api, botOpenId: async () => undefined, cardBudgetMs: 20, tasks }
}

it('answers a slow click with a toast and finishes with a delayed card update', async () => {
  const card = renderCard('welcome', {})
  let release: () => void = () => {}
  const ctx = context(
    () =>
      new Promise((resolve) => {
        release = () => resolve({ toast: { type: 'success', text: '已办结' }, card })
      }),
  )
  const payload = cardActionEvent({ value: { a: 'ticket.close', c: 'card_1', v: 1 } })
  const envelope = readEnvelope(payload)!
  const answer = await receiveEnvelope(ctx, envelope)
  expect(answer).toMatchObject({ status: 200, outcome: 'card_late', body: { toast: { type: 'info' } } })
  expect(fake.messages()).toEqual([])
  release()
  const update = await waitFor(() => fake.messages()[0], 5000, 'the delayed update')
  expect(update).toMatchObject({
    path: '/open-apis/interactive/v1/card/update',
    body: { token: payload.event.token, card: { schema: '2.0' } },
  })
})

it('answers a click within the budget directly', async () => {
  const ctx = context(async () => ({ toast: { type: 'success', text: '好的' } }))
  const answer = await receiveEnvelope(
    { ...ctx, cardBudgetMs: 5000 },
    readEnvelope(cardActionEvent({ value: { a: 'x' } }))!,
  )
  expect(answer).toEqual({
    status: 200,
    outcome: 'card_answered',
    body: { toast: { type: 'success', content: '好的' } },
  })
  expect(fake.messages()).toEqual([])
})
