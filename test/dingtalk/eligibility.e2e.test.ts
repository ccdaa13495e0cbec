// 质量贷 eligibility over DingTalk: a signed robot callback from a bound demo contact → the real server → the
// eligibility card, as an interactive card (template configured) or as a robot message whose button is a number.
import { afterEach, describe, expect, it } from 'vitest'
import { loadContactFile } from '../../src/features/enterprises/contact.repo.ts'
import { DEMO, seedDemo } from '../enterprises/harness.ts'
import { type FakeDingtalk, startFakeDingtalk } from '../fakes/dingtalk/server.ts'
import { type DingtalkTestServer, startDingtalkServer } from '../helpers/dingtalk.ts'
import { waitFor } from '../helpers/server.ts'
import { dingtalkChat } from './chat.ts'

const BOSS = 'dt_boss'
let fake: FakeDingtalk
let server: DingtalkTestServer
afterEach(async () => {
  await server.close()
  await fake.close()
})

async function start(env: Record<string, string> = {}) {
  fake = await startFakeDingtalk()
  server = await startDingtalkServer(fake, env)
  await seedDemo(server.deps.db)
  await loadContactFile(
    server.deps.db,
    { contacts: [{ platform: 'dingtalk', userId: BOSS, name: '张经理', creditCode: DEMO.shoes }] },
    new Date(),
  )
  return dingtalkChat(server, fake)
}

/** The first interactive card the fake received: where it went and its template variables. */
async function deliveredCard() {
  const call = await waitFor(() => fake.callsTo('POST /v1.0/card/instances/createAndDeliver')[0], 5000, 'a card')
  const body = call!.body as { openSpaceId: string; cardData: { cardParamMap: Record<string, string> } }
  return { openSpaceId: body.openSpaceId, map: body.cardData.cardParamMap }
}

describe('质量贷 eligibility on DingTalk', () => {
  it('a bound contact gets the eligibility card with the evidence, the citation and the recommendation button', async () => {
    const chat = await start({ DINGTALK_CARD_TEMPLATE_ID: 'generic-card.schema' })
    await chat.say(BOSS, '我们能办质量贷吗')
    const { openSpaceId, map } = await deliveredCard()
    expect(openSpaceId).toBe(`dtv1.card//IM_ROBOT.${BOSS}`)
    expect(map).toMatchObject({
      template: 'eligibility',
      title: '“质量贷”“标准贷”增信荣誉核对',
      subtitle: '瓯海示例鞋业有限公司（演示）',
    })
    expect(map.markdown).toContain('2023年区级政府质量奖')
    expect(map.markdown).toContain('四、(三)')
    const slot = [1, 2, 3, 4, 5].find((n) => map[`btn${n}_a`] === 'ticket.start')
    expect(slot && map[`btn${slot}_text`]).toBe('申请推荐（需审批）')
    expect(JSON.parse(map[`btn${slot}_x`] ?? '{}')).toMatchObject({ category: 'quality_loan' })
  })

  it('without a template the card is a robot message, and replying its number starts the application', async () => {
    const chat = await start()
    await chat.say(BOSS, '我们能办质量贷吗？')
    const [card] = chat.sentTo(BOSS)
    expect(card?.msgKey).toMatch(/^(sampleMarkdown|sampleActionCard\d?)$/)
    expect(card?.text).toContain('瓯海示例鞋业有限公司（演示）')
    expect(card?.text).toContain('2023年区级政府质量奖')
    const number = /- 回复 \*\*(\d+)\*\*：申请推荐（需审批）/.exec(card?.text ?? '')?.[1]
    expect(number).toBeDefined()
    await chat.say(BOSS, number!)
    expect(chat.textsTo(BOSS).at(-1)).toContain('好的，为您办理“质量贷推荐”服务申请。请简要描述您的需求')
    const flow = await server.deps.db.conversation.findFirstOrThrow()
    expect(flow).toMatchObject({ flow: 'ticket_open', step: 'description' })
  })

  it('an unbound contact is offered binding', async () => {
    const chat = await start({ DINGTALK_CARD_TEMPLATE_ID: 'generic-card.schema' })
    await chat.say('dt_someone', '标准贷需要什么条件')
    const { map } = await deliveredCard()
    expect(map.markdown).toContain('绑定企业后')
    expect(map.btn1_a).toBe('enterprise.bind')
    expect(JSON.stringify(map)).not.toContain('瓯海示例')
  })
})
