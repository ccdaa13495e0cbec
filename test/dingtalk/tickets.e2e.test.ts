// The 一站式服务 approval round trip over DingTalk, through the real server and the fake DingTalk (signed robot and
// card callbacks on 127.0.0.1). DingTalk has no forms: the contact applies step by step in the chat. With the card
// template, people click interactive cards; without it, they reply the number a card's text shows.
import { afterEach, describe, expect, it } from 'vitest'
import { type FakeDingtalk, startFakeDingtalk } from '../fakes/dingtalk/server.ts'
import { type DingtalkTestServer, startDingtalkServer } from '../helpers/dingtalk.ts'
import { waitFor } from '../helpers/server.ts'
import { DT, dingtalkChat, seedDingtalkPeople } from './chat.ts'

let fake: FakeDingtalk
let server: DingtalkTestServer
afterEach(async () => {
  await server.close()
  await fake.close()
})

async function start(env: Record<string, string> = {}) {
  fake = await startFakeDingtalk()
  server = await startDingtalkServer(fake, env)
  await seedDingtalkPeople(server)
  return dingtalkChat(server, fake)
}

type Chat = Awaited<ReturnType<typeof start>>

/** The contact applies for a fee waiver in four answers; the ticket is opened and routed to 李工. */
async function applyStepByStep(chat: Chat, first: string[]) {
  for (const line of [...first, '今年送检鞋类产品的检验检测费用申请减免', '138 1234 5678', '无'])
    await chat.say(DT.contact, line)
  return server.deps.db.ticket.findFirstOrThrow()
}

const decisions = (ticketId: number) =>
  server.deps.db.ticketEvent.count({ where: { ticketId, action: { in: ['approved', 'rejected'] } } })

describe('tickets on DingTalk with the interactive card template', () => {
  it('approves from the card, once, for the right official only, and updates every copy', async () => {
    const chat = await start({ DINGTALK_CARD_TEMPLATE_ID: 'generic-card.schema' })
    await chat.say(DT.contact, '申请检验检测费用减免')
    expect(chat.textsTo(DT.contact)[0]).toContain('为您办理“检验检测费用减免”服务申请')
    const ticket = await applyStepByStep(chat, [])
    expect(ticket).toMatchObject({ category: 'fee_waiver', phone: '13812345678', status: 'assigned' })

    const task = await chat.latestCard('ticket-task', DT.assignee)
    expect(fake.cards.get(task.id)).toMatchObject({
      openSpaceId: `dtv1.card//IM_ROBOT.${DT.assignee}`,
      cardParamMap: { btn3_text: '需要审批', btn3_a: 'ticket.request_approval' },
    })
    const asked = await chat.click(DT.assignee, task.id, 3)
    expect(asked.map.notice).toBe('已提交审批。')

    const mine = await chat.latestCard('ticket-approval', DT.official)
    const theirs = await chat.latestCard('ticket-approval', DT.official2)
    expect(fake.cards.get(mine.id)?.cardParamMap).toMatchObject({ btn1_text: '同意', btn2_text: '驳回' })
    const pending = await server.deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })
    const original = { ...fake.cards.get(mine.id)!.cardParamMap }

    const refused = await chat.click(DT.other, mine.id, 1, original)
    expect(refused.map.notice).toBe('您没有办理此操作的权限，操作未生效。')
    expect((await server.deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).version).toBe(pending.version)
    expect(await decisions(ticket.id)).toBe(0)

    const approved = await chat.click(DT.official, mine.id, 1, original)
    expect(approved.map).toMatchObject({ notice: '已同意。', version: '2', btn1_show: 'false' })
    expect(approved.map.markdown).toMatch(/已同意 · 认证科长 · \d{2}-\d{2} \d{2}:\d{2}/)

    // The other official's copy changes in place, and the contact and the assignee hear the outcome.
    await waitFor(() => fake.callsTo('PUT /v1.0/card/instances').find((c) => c.body.outTrackId === theirs.id))
    expect(fake.cards.get(theirs.id)?.cardParamMap.markdown).toContain('已同意 · 认证科长')
    expect(fake.cards.get(theirs.id)?.cardParamMap.btn1_show).toBe('false')
    // Notifications leave through the outbox, within the platform's per-person rate limit: wait for them.
    await waitFor(() => chat.textsTo(DT.contact).join('\n').includes('审批已通过'), 5000, 'the contact is told')
    await waitFor(
      () => chat.textsTo(DT.assignee).join('\n').includes('已同意 · 认证科长'),
      5000,
      'the assignee is told',
    )

    // The same click again, and the other official deciding on the copy they saw before: one decision.
    const again = await chat.click(DT.official, mine.id, 1, original)
    expect(again.map.markdown).toContain('已同意 · 认证科长')
    const late = await chat.click(DT.official2, theirs.id, 2, { ...original, version: '1' })
    expect(late.map.notice).toContain('已更新')
    expect(await decisions(ticket.id)).toBe(1)
    expect((await server.deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('approved')
  })
})

describe('tickets on DingTalk without a card template (numbered replies)', () => {
  it('approves by the official replying “1”; others are refused or told there is nothing to choose', async () => {
    const chat = await start()
    await chat.say(DT.contact, '我要申请服务')
    expect(chat.textsTo(DT.contact)[0]).toContain('请回复序号')
    // The application asks for a number itself: the flow gets it, not a card.
    const ticket = await applyStepByStep(chat, ['10'])
    expect(ticket.category).toBe('fee_waiver')

    const taskText = await waitFor(() => chat.textsTo(DT.assignee).find((t) => t.includes('需要审批')))
    expect(taskText).toContain('- 回复 **3**：需要审批')
    await chat.say(DT.assignee, '3')
    expect(chat.textsTo(DT.assignee)).toContain('已提交审批。')

    const approvalText = await waitFor(() => chat.textsTo(DT.official).find((t) => t.includes('工单审批')))
    expect(approvalText).toContain('如需办理，请直接回复对应的数字：\n- 回复 **1**：同意\n- 回复 **2**：驳回')
    const pending = await server.deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })

    // 认证副科长 has moved to another post since the card reached them: the reply is checked against who they are now.
    await server.deps.db.staff.updateMany({
      where: { identities: { some: { platform: 'dingtalk', userId: DT.official2 } } },
      data: { role: 'staff' },
    })
    await chat.say(DT.official2, '1')
    expect(chat.textsTo(DT.official2)).toContain('您没有办理此操作的权限，操作未生效。')
    await chat.say(DT.other, '1')
    expect(chat.textsTo(DT.other)).toEqual([
      '您好，目前没有可以回复数字办理的事项。如需帮助，请发送“帮助”查看可用服务。',
    ])
    await chat.say(DT.official, '5')
    expect(chat.textsTo(DT.official).at(-1)).toContain('没有编号为 5 的选项。请回复 1 到 2 之间的数字')
    expect((await server.deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).version).toBe(pending.version)

    const before = chat.sentTo(DT.official).length
    const approving = await chat.say(DT.official, '1')
    const answer = chat.textsTo(DT.official, before)
    expect(answer).toContain('已同意。')
    expect(answer.find((t) => t.includes('工单审批'))).toMatch(/已同意 · 认证科长 · \d{2}-\d{2} \d{2}:\d{2}/)
    expect(answer.join('\n')).toContain('如需补充审批意见')
    expect(chat.textsTo(DT.contact).join('\n')).toContain('审批已通过')
    expect(chat.textsTo(DT.official2).at(-1)).toContain('已同意 · 认证科长')

    // DingTalk delivering the same message again changes nothing and sends nothing.
    const sends = fake.callsTo('POST /v1.0/robot/oToMessages/batchSend').length
    await chat.say(DT.official, '1', approving)
    expect(fake.callsTo('POST /v1.0/robot/oToMessages/batchSend')).toHaveLength(sends)
    // A second “1”: the card is decided, so there is nothing left to press; then the comment is still taken.
    await chat.say(DT.official, '1')
    expect(chat.textsTo(DT.official).at(-1)).toContain('目前没有可以回复数字办理的事项')
    await chat.say(DT.official, '同意减免，请按规定办理')
    expect(chat.textsTo(DT.contact).at(-1)).toContain('审批意见：同意减免，请按规定办理')
    // As the official was told: the 质量管家 hears the opinion too.
    expect(chat.textsTo(DT.official).at(-1)).toBe('审批意见已记录，并已告知企业联系人和质量管家。')
    expect(chat.textsTo(DT.assignee).at(-1)).toContain('审批意见：同意减免，请按规定办理')
    expect(await decisions(ticket.id)).toBe(1)
    expect(await server.deps.db.inboundEvent.count({ where: { eventId: approving, kind: 'card_action' } })).toBe(1)
  })

  it('a number keeps its action across card versions, 办结 and 驳回 ask first, one copy per person per change', async () => {
    const chat = await start()
    await chat.say(DT.contact, '我要申请服务')
    const ticket = await applyStepByStep(chat, ['10'])
    const cardsTo = (userId: string, from = 0) => chat.textsTo(userId, from).filter((t) => t.includes(ticket.number))
    await waitFor(() => cardsTo(DT.assignee).length > 0)
    expect(cardsTo(DT.assignee).at(-1)).toContain('- 回复 **1**：接单\n- 回复 **2**：转派\n- 回复 **3**：需要审批')

    // 接单: one new copy of the card, its actions keeping their numbers (转派 2, 需要审批 3).
    let before = chat.sentTo(DT.assignee).length
    await chat.say(DT.assignee, '1')
    expect(cardsTo(DT.assignee, before)).toHaveLength(1)
    expect(cardsTo(DT.assignee, before)[0]).toContain('工单办理中')
    expect(cardsTo(DT.assignee, before)[0]).toContain('- 回复 **2**：转派\n- 回复 **3**：需要审批')
    // The old number of 接单 presses nothing else; 3 is still 需要审批.
    await chat.say(DT.assignee, '1')
    expect(chat.textsTo(DT.assignee).at(-1)).toContain('没有编号为 1 的选项。请回复 2 到 3 之间的数字')
    await chat.say(DT.assignee, '3')
    expect((await server.deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe(
      'pending_approval',
    )

    // 驳回 asks first; 取消 leaves the ticket alone; the confirmation decides, and the assignee gets one copy.
    await waitFor(() => chat.textsTo(DT.official).find((t) => t.includes('工单审批')))
    await chat.say(DT.official, '2')
    expect(chat.textsTo(DT.official).at(-1)).toBe(`确认驳回工单 ${ticket.number}？回复 1 确认，回复 2 取消`)
    await chat.say(DT.official, '2')
    expect(chat.textsTo(DT.official).at(-1)).toBe('已取消，工单未作改动。')
    expect(await decisions(ticket.id)).toBe(0)
    await chat.say(DT.official, '2')
    before = chat.sentTo(DT.assignee).length
    await chat.say(DT.official, '1')
    expect(await decisions(ticket.id)).toBe(1)
    expect((await server.deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('rejected')
    expect(cardsTo(DT.assignee, before).filter((t) => t.includes('回复'))).toHaveLength(1)
    await chat.say(DT.official, '无')

    // 办结 (4 on every version) asks first, and only the confirmation closes the ticket.
    expect(cardsTo(DT.assignee).at(-1)).toContain('- 回复 **4**：办结')
    await chat.say(DT.assignee, '4')
    expect(chat.textsTo(DT.assignee).at(-1)).toBe(`确认办结工单 ${ticket.number}？回复 1 确认，回复 2 取消`)
    expect((await server.deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('rejected')
    before = chat.sentTo(DT.assignee).length
    await chat.say(DT.assignee, '1')
    expect((await server.deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('resolved')
    const done = cardsTo(DT.assignee, before)
    expect(done).toHaveLength(1)
    expect(done[0]).toContain('工单已办结')
    expect(done[0]).not.toContain('回复 **')
  })
})
