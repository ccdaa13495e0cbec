// The digest's buttons act with exactly the authorisation of the ticket cards, on each platform through the real
// server: 接单 on someone else's digest is refused and changes nothing, the assignee's accepts the ticket; 去审批
// shows the approval card to an official of the approving department and nothing to a colleague who may not see it.
import { afterEach, describe, expect, it } from 'vitest'
import { handleCardAction } from '../../src/bot/card-action.ts'
import { findSentCard } from '../../src/outbox/outbox.repo.ts'
import { DT, dingtalkChat, seedDingtalkPeople } from '../dingtalk/chat.ts'
import { type FakeDingtalk, startFakeDingtalk } from '../fakes/dingtalk/server.ts'
import { cardActionEvent, FAKE_ENCRYPT_KEY, feishuRequest } from '../fakes/feishu/events.ts'
import { buttonValue } from '../helpers/actions.ts'
import { type DingtalkTestServer, startDingtalkServer } from '../helpers/dingtalk.ts'
import { withFeishu } from '../helpers/feishu.ts'
import { startTestServer, type TestServer, waitFor } from '../helpers/server.ts'
import { clickAs, STAFF, seedPeople, simulator } from '../tickets/fixtures.ts'
import { digestNow, workFor } from './helpers.ts'

describe('on Feishu', () => {
  const feishu = withFeishu()

  async function click(value: Record<string, unknown>, operator: string) {
    const request = feishuRequest(cardActionEvent({ value, operatorOpenId: operator, chatId: `oc_${operator}` }), {
      encryptKey: FAKE_ENCRYPT_KEY,
    })
    const res = await fetch(`${feishu.server.url}/webhooks/feishu/cards`, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
    })
    return (await res.json()) as { toast?: { type: string; content: string } }
  }

  it('接单 and 去审批 from the digest: the right person acts, anyone else is refused', async () => {
    const { deps } = feishu.server
    await seedPeople(deps, { feishu: true })
    const { assigned, approval } = await workFor(deps, STAFF.assignee)
    expect((await digestNow(deps)).sent).toBe(3)
    const digestOf = (userId: string) =>
      waitFor(() => deps.db.sentCard.findFirst({ where: { template: 'staff-digest', userId } }), 5000, userId)
    const mine = (await digestOf('ou_assignee'))!
    await waitFor(() => deps.db.outbox.findFirst({ where: { target: 'ou_assignee', status: 'sent' } }), 5000, 'sent')
    const accept = buttonValue(mine, 'ticket.accept', { t: assigned.id, tv: assigned.version })

    const refused = await click(accept, 'ou_other')
    expect(refused.toast).toMatchObject({ type: 'error', content: '您没有办理此操作的权限，操作未生效。' })
    expect((await deps.db.ticket.findUniqueOrThrow({ where: { id: assigned.id } })).status).toBe('assigned')
    const accepted = await click(accept, 'ou_assignee')
    expect(accepted.toast).toMatchObject({ type: 'success', content: '已接单，请尽快与企业联系。' })
    expect((await deps.db.ticket.findUniqueOrThrow({ where: { id: assigned.id } })).status).toBe('in_progress')

    const theirs = (await digestOf('ou_official'))!
    const view = buttonValue(theirs, 'ticket.view', { t: approval.id })
    expect((await click(view, 'ou_other')).toast).toMatchObject({ type: 'error', content: '您没有查看此工单的权限。' })
    expect(await deps.db.sentCard.count({ where: { template: 'ticket-approval' } })).toBe(0)
    await click(view, 'ou_official')
    const shown = await waitFor(
      () => deps.db.sentCard.findFirst({ where: { template: 'ticket-approval', chatId: 'oc_ou_official' } }),
      5000,
      'the approval card',
    )
    expect(shown?.model).toContain('"type":"form"')
  })
})

describe('on DingTalk (interactive card template)', () => {
  let fake: FakeDingtalk
  let server: DingtalkTestServer
  afterEach(async () => {
    await server.close()
    await fake.close()
  })

  it('接单 from the digest: refused for a colleague, done for the assignee', async () => {
    fake = await startFakeDingtalk()
    server = await startDingtalkServer(fake, { DINGTALK_CARD_TEMPLATE_ID: 'generic-card.schema' })
    await seedDingtalkPeople(server)
    const chat = dingtalkChat(server, fake)
    const { assigned } = await workFor(server.deps, '李工')
    await digestNow(server.deps)
    await chat.settle()
    const digest = await chat.latestCard('staff-digest', DT.assignee)
    expect(fake.cards.get(digest.id)?.cardParamMap).toMatchObject({
      btn1_text: `接单 ${assigned.number}`,
      btn1_a: 'ticket.accept',
      btn3_text: '推送设置',
      btn4_text: '暂停此提醒',
    })
    const original = { ...fake.cards.get(digest.id)!.cardParamMap }
    const refused = await chat.click(DT.other, digest.id, 1, original)
    expect(refused.map.notice).toBe('您没有办理此操作的权限，操作未生效。')
    expect((await server.deps.db.ticket.findUniqueOrThrow({ where: { id: assigned.id } })).status).toBe('assigned')
    const accepted = await chat.click(DT.assignee, digest.id, 1, original)
    expect(accepted.map.notice).toBe('已接单，请尽快与企业联系。')
    expect((await server.deps.db.ticket.findUniqueOrThrow({ where: { id: assigned.id } })).status).toBe('in_progress')
  })
})

describe('on the console', () => {
  let server: TestServer
  afterEach(() => server.close())

  async function pending(userId: string) {
    const res = await fetch(`${server.url}/simulator/pending`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId }),
    })
    return (await res.json()) as { text: string }
  }

  it('numbers press the digest’s buttons; a colleague’s click is refused; settings mute, undo and move the time', async () => {
    server = await startTestServer()
    const { deps } = server
    await seedPeople(deps)
    const { assigned } = await workFor(deps, STAFF.assignee)
    await digestNow(deps)
    await server.idle()
    const shown = await pending(STAFF.assignee)
    expect(shown.text).toContain('【今日待办')
    expect(shown.text).toContain(`[1] 接单 ${assigned.number}  [3] 查看全部待办  [4] 推送设置  [5] 暂停此提醒`)

    // 张工 presses 接单 on 李工's digest (a click as they would make it): refused, nothing changes.
    const row = (await deps.db.sentCard.findFirst({ where: { template: 'staff-digest', userId: STAFF.assignee } }))!
    const card = (await findSentCard(deps.db, row.id))!
    const accept = card.model.actions.find((a) => a.action === 'ticket.accept')!
    const refused = await handleCardAction(
      deps,
      clickAs(
        STAFF.other,
        { id: card.id, version: card.version, chatId: `p2p-${STAFF.other}` },
        'ticket.accept',
        accept.value,
        new Date(),
      ),
    )
    expect(refused.toast).toMatchObject({ type: 'error' })
    expect((await deps.db.ticket.findUniqueOrThrow({ where: { id: assigned.id } })).status).toBe('assigned')

    const say = simulator(server.url)
    expect((await say(STAFF.assignee, '1')).text).toContain('已接单')
    expect((await deps.db.ticket.findUniqueOrThrow({ where: { id: assigned.id } })).status).toBe('in_progress')

    // 推送设置 → 暂停 → 撤销 → 改为 09:30: each recorded, each the clicker's own.
    const settings = await say(STAFF.assignee, '4')
    expect(settings.text).toContain('【推送设置 · 每日待办提醒】')
    expect(settings.text).toContain('[1] 暂停提醒  [2] 改为 09:30  [3] 改为 14:00  [4] 关闭免打扰')
    expect((await say(STAFF.assignee, '1')).text).toContain('已暂停该提醒')
    const staffId = (await deps.db.staff.findFirstOrThrow({ where: { name: STAFF.assignee } })).id
    const preference = () => deps.db.digestPreference.findFirst({ where: { staffId, digest: 'staff-digest' } })
    expect(await preference()).toMatchObject({ muted: true })
    expect((await say(STAFF.assignee, '5')).text).toContain('已撤销上次更改')
    expect(await preference()).toMatchObject({ muted: false })
    expect((await say(STAFF.assignee, '2')).text).toContain('推送时间已改为 09:30')
    expect(await preference()).toMatchObject({ muted: false, deliverAt: '09:30' })
    const changes = await deps.db.digestPreferenceChange.findMany({ where: { staffId }, orderBy: { id: 'asc' } })
    expect(changes.map((c) => [c.change, c.actor, Boolean(c.undoneAt)])).toEqual([
      ['mute', `console:${STAFF.assignee}`, true],
      ['undo', `console:${STAFF.assignee}`, false],
      ['time', `console:${STAFF.assignee}`, false],
    ])
    // Someone who is not staff cannot have digest settings.
    const stranger = await handleCardAction(
      deps,
      clickAs(
        'visitor',
        { id: card.id, version: card.version, chatId: 'p2p-visitor' },
        'digest.mute',
        { d: 'staff-digest' },
        new Date(),
      ),
    )
    expect(stranger.toast?.text).toBe('推送设置仅供本局工作人员使用。')
  })
})
