// Alerts on DingTalk (no forms: the publish flow asks step by step), through the real server and the fake DingTalk
// with the interactive card template: the preview's 确认发布, cards to exactly the audience's accounts, a receipt
// from the card, and a click from outside the audience refused.
import { afterEach, describe, expect, it } from 'vitest'
import { dingtalkChat } from '../dingtalk/chat.ts'
import { type FakeDingtalk, startFakeDingtalk } from '../fakes/dingtalk/server.ts'
import { type DingtalkTestServer, startDingtalkServer } from '../helpers/dingtalk.ts'
import { waitFor } from '../helpers/server.ts'
import { bind, creditCode, seedEnterprises, seedStaff } from './fixtures.ts'

let fake: FakeDingtalk
let server: DingtalkTestServer
afterEach(async () => {
  await server.close()
  await fake.close()
})

describe('alerts on DingTalk', () => {
  it('publishes step by step and receipts from the card', async () => {
    fake = await startFakeDingtalk()
    server = await startDingtalkServer(fake, { DINGTALK_CARD_TEMPLATE_ID: 'generic-card.schema' })
    const { deps } = server
    await seedStaff(deps, (name) => ({ identities: { dingtalk: `dt_${name}` } }))
    const ids = await seedEnterprises(deps)
    for (const [who, id] of Object.entries({ a: ids.a, b: ids.b, c: ids.c, d: ids.d, e: ids.e })) {
      await bind(deps, 'dingtalk', `dt_${who}1`, id)
    }
    const chat = dingtalkChat(server, fake)
    for (const line of [
      '发布预警',
      '童鞋抽查不合格风险提示',
      '1',
      '1',
      `行业：鞋服 产品：童鞋 企业：${creditCode(4)}`,
      '请自查同批次童鞋的出厂检验记录',
      '3天',
    ]) {
      await chat.say('dt_publisher', line)
    }
    const preview = await chat.latestCard('alert-preview', 'dt_publisher')
    // Under load a card may still be on its way when the outbox shows nothing pending (it is being sent).
    await waitFor(() => fake.cards.get(preview.id), 5000, 'preview delivered')
    expect(fake.cards.get(preview.id)?.cardParamMap).toMatchObject({ btn1_text: '确认发布' })
    const sent = await chat.click('dt_publisher', preview.id, 1)
    expect(sent.map.notice).toContain('覆盖 3 家企业')

    const notices = () => [...fake.cards.values()].filter((c) => c.cardParamMap.btn1_a === 'alert.ack')
    await waitFor(() => notices().length >= 3 || null, 5000, 'notices delivered')
    const noticed = [...fake.cards.values()]
      .filter((c) => c.cardParamMap.btn1_a === 'alert.ack')
      .map((c) => String(c.openSpaceId).split('.').at(-1))
      .sort()
    expect(noticed).toEqual(['dt_a1', 'dt_d1', 'dt_e1'])

    const notice = await chat.latestCard('alert-notice', 'dt_d1')
    await waitFor(() => fake.cards.get(notice.id), 5000, 'notice delivered')
    const refused = await chat.click('dt_b1', notice.id, 1)
    expect(refused.map.notice).toContain('不涉及您绑定的企业')
    const acknowledged = await chat.click('dt_d1', notice.id, 1)
    expect(acknowledged.map.notice).toContain('已知悉')
    expect(await deps.db.alertRecipient.count({ where: { receipt: 'acknowledged' } })).toBe(1)
    expect((await deps.db.alertRecipient.findFirstOrThrow({ where: { enterpriseId: ids.d } })).receiptBy).toMatch(
      /^contact:/,
    )
  })
})
