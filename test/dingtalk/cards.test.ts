// Interactive cards end to end: createAndDeliver with the generic template, a click answered with the new
// cardParamMap (the card changes in place), duplicates and stale clicks, and pushed updates via PUT.
import { beforeEach, describe, expect, it } from 'vitest'
import { updateSentCard } from '../../src/outbox/outbox.repo.ts'
import { decide } from '../helpers/actions.ts'
import { withDingtalk } from '../helpers/dingtalk.ts'
import { waitFor } from '../helpers/server.ts'
import { cardClick, robotText, signedHeaders } from './fixtures.ts'

const dingtalk = withDingtalk({ env: { DINGTALK_CARD_TEMPLATE_ID: 'generic-card.schema' } })
beforeEach(() => {
  dingtalk.server.deps.handlers.actions.set(decide.action, decide)
})

const say = async (overrides: Record<string, unknown>) =>
  fetch(`${dingtalk.server.url}/webhooks/dingtalk/robot`, {
    method: 'POST',
    headers: await signedHeaders(dingtalk.fake.clientSecret),
    body: JSON.stringify(robotText(overrides)),
  })

const click = async (body: unknown, headers?: Record<string, string>) => {
  const res = await fetch(`${dingtalk.server.url}/webhooks/dingtalk/cards`, {
    method: 'POST',
    headers: headers ?? (await signedHeaders(dingtalk.fake.clientSecret)),
    body: JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as { cardData?: { cardParamMap: Record<string, string> } } }
}

async function deliveredCard() {
  const call = await waitFor(
    () => dingtalk.fake.callsTo('POST /v1.0/card/instances/createAndDeliver')[0],
    5000,
    'a card',
  )
  return call!
}

describe('DingTalk interactive cards', () => {
  it('delivers a card to a group with string-only params and our card id as outTrackId', async () => {
    expect((await say({ text: { content: '帮助' } })).status).toBe(200)
    const call = await deliveredCard()
    const outTrackId = String(call.body.outTrackId)
    expect(outTrackId).toMatch(/^crd_/)
    expect(call.body).toMatchObject({
      cardTemplateId: 'generic-card.schema',
      callbackType: 'HTTP',
      callbackRouteKey: dingtalk.fake.clientId,
      openSpaceId: 'dtv1.card//IM_GROUP.cidGroup001==',
      imGroupOpenDeliverModel: { robotCode: 'dingrobot001' },
    })
    const map = (call.body.cardData as { cardParamMap: Record<string, string> }).cardParamMap
    expect(map).toMatchObject({ title: '质量强企服务助手', cardId: outTrackId, version: '1', btn1_show: 'true' })
    await waitFor(
      async () => (await dingtalk.server.deps.db.sentCard.findUnique({ where: { id: outTrackId } }))?.platformMessageId,
    )
  })

  it('delivers to the person in a single chat', async () => {
    await say({ text: { content: '帮助' }, conversationType: '1', conversationId: 'cidP2P==' })
    const call = await deliveredCard()
    expect(call.body).toMatchObject({
      openSpaceId: 'dtv1.card//IM_ROBOT.user123',
      imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: 'dingrobot001' },
    })
  })

  it('answers a click with the new cardParamMap; a repeat or a stale click changes nothing', async () => {
    await say({ text: { content: '帮助' } })
    const id = String((await deliveredCard()).body.outTrackId)
    await dingtalk.server.idle()
    const first = await click(cardClick(id, { a: 'test.decide', c: id, v: '1' }))
    expect(first.status).toBe(200)
    expect(first.body.cardData?.cardParamMap).toMatchObject({
      title: '申请已同意',
      notice: '已同意',
      version: '2',
      btn1_show: 'false',
    })
    const again = await click(cardClick(id, { a: 'test.decide', c: id, v: '1' }))
    expect(again.body.cardData?.cardParamMap).toMatchObject({ title: '申请已同意', version: '2' })
    const stale = await click(cardClick(id, { a: 'test.decide', c: id, v: '1' }, { userId: 'user456' }))
    expect(stale.body.cardData?.cardParamMap).toMatchObject({ version: '2', notice: expect.stringContaining('已更新') })
    const saved = await dingtalk.server.deps.db.sentCard.findUniqueOrThrow({ where: { id } })
    expect(saved.version).toBe(2)
  })

  it('refuses unsigned or forged clicks and unknown cards get a notice', async () => {
    const body = cardClick('crd_unknown', { a: 'test.decide', c: 'crd_unknown', v: '1' })
    expect((await click(body, { 'content-type': 'application/json' })).status).toBe(401)
    expect((await click(body, await signedHeaders('wrong'))).status).toBe(401)
    expect((await click({ nonsense: true })).status).toBe(400)
    const unknown = await click(body)
    expect(unknown.body.cardData?.cardParamMap.notice).toContain('失效')
  })

  it('pushes a later change of the card in place with PUT /v1.0/card/instances', async () => {
    await say({ text: { content: '帮助' } })
    const id = String((await deliveredCard()).body.outTrackId)
    await dingtalk.server.idle()
    const sent = await dingtalk.server.deps.db.sentCard.findUniqueOrThrow({ where: { id } })
    const model = { ...JSON.parse(sent.model), title: '工单已办结' }
    await updateSentCard(dingtalk.server.deps.db, id, sent.version, model, { push: true })
    await dingtalk.server.deps.outbox.drain()
    const [put] = dingtalk.fake.callsTo('PUT /v1.0/card/instances')
    expect(put?.body).toMatchObject({ outTrackId: id, cardUpdateOptions: { updateCardDataByKey: true } })
    expect(dingtalk.fake.cards.get(id)?.cardParamMap).toMatchObject({ title: '工单已办结', version: '2' })
  })
})
