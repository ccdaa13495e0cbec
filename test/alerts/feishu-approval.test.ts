// A 严重 alert on Feishu, through the real server and the fake Feishu: the form card, the preview, approval by an
// official of the publisher's department (another department's official is refused), the fan-out to exactly the
// audience's accounts, a receipt from the card, and the publisher's summary card patched in place.
import { describe, expect, it } from 'vitest'
import { refreshSummaries } from '../../src/features/alerts/summary.ts'
import { cardActionEvent, messageEvent } from '../fakes/feishu/events.ts'
import { buttonValue } from '../helpers/actions.ts'
import { latestSentCard, postFeishuCallback, withFeishu } from '../helpers/feishu.ts'
import { waitFor } from '../helpers/server.ts'
import { bind, creditCode, seedEnterprises, seedStaff } from './fixtures.ts'

const feishu = withFeishu()

const post = (path: 'events' | 'cards', payload: unknown) => postFeishuCallback(feishu.server.url, path, payload)

const latestCard = (template: string, where: Record<string, unknown> = {}) =>
  latestSentCard(feishu.server.deps.db, template, where)

describe('alerts on Feishu', () => {
  it('sends a 严重 alert only after an official of the department approves it, to exactly its audience', async () => {
    const { deps } = feishu.server
    await seedStaff(deps, (name) => ({ identities: { feishu: `ou_${name}` } }))
    const ids = await seedEnterprises(deps)
    for (const [who, id] of Object.entries({ a: ids.a, b: ids.b, c: ids.c, d: ids.d, e: ids.e })) {
      await bind(deps, 'feishu', `ou_${who}1`, id)
    }

    await post(
      'events',
      messageEvent({ chatType: 'p2p', chatId: 'oc_pub', senderOpenId: 'ou_publisher', text: '发布预警' }),
    )
    const form = await latestCard('alert-form')
    const submitted = await post(
      'cards',
      cardActionEvent({
        value: buttonValue(form, 'alert.submit'),
        formValue: {
          title: '儿童鞋类产品缺陷召回风险',
          level: '严重',
          source: '缺陷产品召回',
          industries: '鞋服',
          products: '童鞋',
          towns: '',
          credit_codes: creditCode(4),
          action: '请立即核查并停止销售涉及批次，配合召回。',
          due: '5天',
        },
        operatorOpenId: 'ou_publisher',
        chatId: 'oc_pub',
      }),
    )
    expect(submitted.body.toast?.type).toBe('info')
    const preview = await latestCard('alert-preview')
    expect(preview.model).toContain('严重预警确认后需经科室负责人审批')
    const alert = await deps.db.alert.findFirstOrThrow()
    const confirmed = await post(
      'cards',
      cardActionEvent({
        value: buttonValue(preview, 'alert.confirm', { al: alert.id, av: alert.version }),
        operatorOpenId: 'ou_publisher',
        chatId: 'oc_pub',
      }),
    )
    expect(confirmed.body.toast?.content).toContain('已提交审批')
    expect((await deps.db.alert.findFirstOrThrow()).status).toBe('pending_approval')
    expect(await deps.db.alertRecipient.count()).toBe(0)

    const approval = await latestCard('alert-approval', { userId: 'ou_official' })
    expect(await deps.db.sentCard.count({ where: { template: 'alert-approval' } })).toBe(1)
    const pending = await deps.db.alert.findFirstOrThrow()
    const decide = (who: string, action: string) =>
      post(
        'cards',
        cardActionEvent({
          value: buttonValue(approval, action, { al: pending.id, av: pending.version }),
          operatorOpenId: who,
          chatId: `oc_${who}`,
        }),
      )
    expect((await decide('ou_other', 'alert.approve')).body.toast?.type).toBe('error')
    expect((await decide('ou_publisher', 'alert.approve')).body.toast?.type).toBe('error')
    expect((await deps.db.alert.findFirstOrThrow()).status).toBe('pending_approval')
    const approved = await decide('ou_official', 'alert.approve')
    expect(approved.body.toast?.content).toContain('覆盖 3 家企业')
    expect(JSON.stringify(approved.body.card)).toContain('已同意发布')

    // Delivered to exactly the audience's accounts (and the covering 质量管家), each once.
    await waitFor(
      async () => (await deps.db.outbox.count({ where: { status: { in: ['pending', 'sending'] } } })) === 0 || null,
      5000,
      'drained',
    )
    const received = feishu.fake
      .posted()
      .filter((c) => JSON.stringify(c.body).includes('儿童鞋类产品缺陷召回风险'))
      .map((c) => String(c.body.receive_id))
    expect(received.filter((id) => id.startsWith('ou_') && id.endsWith('1')).sort()).toEqual([
      'ou_a1',
      'ou_d1',
      'ou_e1',
    ])
    expect(received).toContain('ou_butler')
    expect(received).not.toContain('ou_b1')
    expect(received).not.toContain('ou_c1')
    expect(received).not.toContain('ou_glasses')
    const enterprisesAndStaff = received.filter((id) => id !== 'ou_publisher') // who also hears the decision
    expect(new Set(enterprisesAndStaff).size).toBe(enterprisesAndStaff.length)
    expect(received).toContain('ou_publisher') // the summary card

    // A receipt, then the summary card is patched in place.
    const notice = await latestCard('alert-notice', { userId: 'ou_a1' })
    const ack = await post(
      'cards',
      cardActionEvent({
        value: buttonValue(notice, 'alert.ack', { al: alert.id }),
        operatorOpenId: 'ou_a1',
        chatId: 'oc_a1',
      }),
    )
    expect(ack.body.toast?.type).toBe('success')
    expect(JSON.stringify(ack.body.card)).toContain('贵企业已回执')
    await refreshSummaries(deps, new Date())
    const summary = await latestCard('alert-summary')
    const patched = await waitFor(
      () => deps.db.outbox.findFirst({ where: { targetKind: 'card_update', target: summary.id, status: 'sent' } }),
      5000,
      'summary patched',
    )
    expect(patched?.payload).toContain('{"label":"已知悉","value":"1 家"}')
    const patches = feishu.fake.messages().filter((c) => c.path.includes('/messages/') && c.method === 'PATCH')
    expect(patches.length).toBeGreaterThanOrEqual(1)
  })
})
