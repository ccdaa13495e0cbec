// The approval round trip over Feishu, through the real server and the fake Feishu: the form card opens a ticket,
// the assignee asks for approval, a non-official's signed click is refused, the official's form decision updates
// the card for everyone (the other official's copy is patched in place) and the contact hears the outcome.
import { describe, expect, it } from 'vitest'
import { cardActionEvent, messageEvent } from '../fakes/feishu/events.ts'
import { buttonValue } from '../helpers/actions.ts'
import { latestSentCard, postFeishuCallback, withFeishu } from '../helpers/feishu.ts'
import { waitFor } from '../helpers/server.ts'
import { bindContact, seedPeople } from './fixtures.ts'

const feishu = withFeishu()

const post = (path: 'events' | 'cards', payload: unknown) => postFeishuCallback(feishu.server.url, path, payload)

const latestCard = (template: string, where: Record<string, unknown> = {}) =>
  latestSentCard(feishu.server.deps.db, template, where)

describe('tickets on Feishu', () => {
  it('decides an approval from the card, once, for the right official only', async () => {
    const { deps } = feishu.server
    const enterprise = await seedPeople(deps, { feishu: true })
    await bindContact(deps, 'feishu', 'ou_contact', enterprise.id)

    const asked = await post(
      'events',
      messageEvent({ chatType: 'p2p', chatId: 'oc_contact', senderOpenId: 'ou_contact', text: '申请检验检测费用减免' }),
    )
    expect(asked.status).toBe(200)
    const form = await latestCard('ticket-form')
    const submitted = await post(
      'cards',
      cardActionEvent({
        value: buttonValue(form, 'ticket.submit'),
        formValue: {
          category: 'fee_waiver',
          description: '今年送检鞋类产品的检验检测费用申请减免',
          phone: '138 1234 5678',
          preferred_time: '',
        },
        operatorOpenId: 'ou_contact',
        chatId: 'oc_contact',
      }),
    )
    expect(submitted.body.toast?.content).toMatch(/已受理，工单编号 QS-\d{4}-000001/)
    const ticket = await deps.db.ticket.findFirstOrThrow()
    expect(ticket.phone).toBe('13812345678')

    const task = await latestCard('ticket-task', { userId: 'ou_assignee' })
    const asking = await post(
      'cards',
      cardActionEvent({
        value: buttonValue(task, 'ticket.request_approval', { t: ticket.id, tv: ticket.version }),
        operatorOpenId: 'ou_assignee',
        chatId: 'oc_assignee',
      }),
    )
    expect(asking.body.toast).toMatchObject({ type: 'success' })
    const mine = await latestCard('ticket-approval', { userId: 'ou_official' })
    const theirs = await latestCard('ticket-approval', { userId: 'ou_official2' })
    const pending = await deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })
    expect(JSON.stringify(JSON.parse(mine.model).blocks)).toContain('"type":"form"')

    const decide = (who: string, card: { id: string; version: number }, decision: string, comment = '') =>
      post(
        'cards',
        cardActionEvent({
          value: buttonValue(card, 'ticket.decide', { t: ticket.id, tv: pending.version }),
          formValue: { decision, comment },
          operatorOpenId: who,
          chatId: `oc_${who}`,
        }),
      )
    const refused = await decide('ou_other', mine, 'approve')
    expect(refused.body.toast).toMatchObject({ type: 'error' })
    expect((await deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).version).toBe(pending.version)

    const approved = await decide('ou_official', mine, 'approve', '同意减免')
    expect(approved.body.toast).toMatchObject({ type: 'success' })
    expect(JSON.stringify(approved.body.card)).toMatch(/已同意 · 认证科长 · \d{2}-\d{2} \d{2}:\d{2}/)
    const late = await decide('ou_official2', theirs, 'reject')
    expect(late.body.toast?.type).toBe('warning')
    expect(
      await deps.db.ticketEvent.count({ where: { ticketId: ticket.id, action: { in: ['approved', 'rejected'] } } }),
    ).toBe(1)

    // The other official's copy is updated in place, and the contact is told, with the comment.
    const patched = await waitFor(
      () => deps.db.outbox.findFirst({ where: { targetKind: 'card_update', target: theirs.id, status: 'sent' } }),
      5000,
      'patched copy',
    )
    expect(patched?.payload).toContain('已同意')
    const told = await waitFor(
      () => deps.db.outbox.findFirst({ where: { target: 'oc_contact', payload: { contains: '审批已通过' } } }),
      5000,
      'contact notice',
    )
    expect(told?.payload).toContain('同意减免')
  })

  it('a copy refused once by the platform and decided before its retry arrives showing the decision, never dead', async () => {
    const { deps } = feishu.server
    const enterprise = await seedPeople(deps, { feishu: true })
    await bindContact(deps, 'feishu', 'ou_contact', enterprise.id)
    // The first card sent to 认证副科长 is refused (a 5xx): it waits for its retry while the ticket is decided.
    let refusedOnce = false
    feishu.fake.setFaultPlan((_, call) => {
      if (refusedOnce || call.body.receive_id !== 'ou_official2' || call.body.msg_type !== 'interactive') return
      refusedOnce = true
      return { status: 500, code: 1, msg: 'internal error' }
    })
    await post(
      'events',
      messageEvent({ chatType: 'p2p', chatId: 'oc_contact', senderOpenId: 'ou_contact', text: '申请检验检测费用减免' }),
    )
    const form = await latestCard('ticket-form')
    await post(
      'cards',
      cardActionEvent({
        value: buttonValue(form, 'ticket.submit'),
        formValue: {
          category: 'fee_waiver',
          description: '今年送检鞋类产品的检验检测费用申请减免',
          phone: '13812345678',
        },
        operatorOpenId: 'ou_contact',
        chatId: 'oc_contact',
      }),
    )
    const ticket = await deps.db.ticket.findFirstOrThrow()
    const task = await latestCard('ticket-task', { userId: 'ou_assignee' })
    await post(
      'cards',
      cardActionEvent({
        value: buttonValue(task, 'ticket.request_approval', { t: ticket.id, tv: ticket.version }),
        operatorOpenId: 'ou_assignee',
        chatId: 'oc_assignee',
      }),
    )
    const mine = await latestCard('ticket-approval', { userId: 'ou_official' })
    const pending = await deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })
    await waitFor(() => refusedOnce, 5000, 'the copy refused once')
    const approved = await post(
      'cards',
      cardActionEvent({
        value: buttonValue(mine, 'ticket.decide', { t: ticket.id, tv: pending.version }),
        formValue: { decision: 'approve', comment: '' },
        operatorOpenId: 'ou_official',
        chatId: 'oc_ou_official',
      }),
    )
    expect(approved.body.toast).toMatchObject({ type: 'success' })

    // The late copy shows the decision, without the 同意/驳回 form; the update queued meanwhile did not die.
    const copy = await waitFor(
      () =>
        feishu.fake
          .posted()
          .find((call) => call.body.receive_id === 'ou_official2' && call.body.msg_type === 'interactive'),
      10_000,
      'the late copy',
    )
    expect(String(copy?.body.content)).toContain('已同意 · 认证科长')
    expect(String(copy?.body.content)).not.toContain('"tag":"form"')
    await feishu.server.idle()
    expect(await deps.db.outbox.count({ where: { status: 'dead' } })).toBe(0)
  }, 30_000)
})
