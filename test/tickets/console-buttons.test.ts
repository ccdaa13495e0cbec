// Buttons that mean one thing, on the console (terminal and web simulator): a number keeps its action on every
// version of a card, 办结 asks first, one click shows each person one current card, and a closed ticket's card says
// so. The same on DingTalk without a card template is in test/dingtalk/tickets.e2e.test.ts.
import { describe, expect, it } from 'vitest'
import { performTicketAction } from '../../src/features/tickets/ticket.actions.ts'
import { withServer } from '../helpers/server.ts'
import { bindContact, button, STAFF, seedPeople, simulator, type Turn } from './fixtures.ts'

const server = withServer()

async function pending(url: string, userId: string): Promise<Turn> {
  const res = await fetch(`${url}/simulator/pending`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  })
  return (await res.json()) as Turn
}

/** How many copies of the ticket's cards a turn shows. */
const copies = (turn: Turn, number: string) => turn.text.split(`工单编号 ${number}`).length - 1

describe('numbered buttons on the console', () => {
  it('keeps numbers per action, confirms 办结, shows one copy per click and titles a closed ticket', async () => {
    const { deps } = server
    const enterprise = await seedPeople(deps)
    await bindContact(deps, 'console', 'ent-contact', enterprise.id)
    const say = simulator(server.url)
    for (const line of ['申请检验检测费用减免', '今年送检的鞋类产品，申请减免检验检测费用', '13812345678'])
      await say('ent-contact', line)
    const opened = await say('ent-contact', '无')
    const number = /QS-\d{4}-\d{6}/.exec(opened.text)![0]
    const ticket = await deps.db.ticket.findFirstOrThrow({ where: { number } })
    const status = async () => (await deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status

    // The assignee has two copies of the task card: the notification and the one 我的待办 shows.
    const notified = await pending(server.url, STAFF.assignee)
    expect(notified.text).toContain('新工单待处理')
    const todo = await say(STAFF.assignee, '我的待办')
    const accept = await say(STAFF.assignee, button(todo, '接单', number))
    expect(copies(accept, number)).toBe(1)
    expect(accept.text).toContain('【工单办理中】')
    // 转派 and 需要审批 keep their numbers (2, 3) when 接单 goes: the old number of 需要审批 is still 需要审批.
    expect(accept.text).toContain('[2] 转派  [3] 需要审批')
    expect((await say(STAFF.assignee, '1')).text).toContain('没有编号为 1 的按钮')
    const requested = await say(STAFF.assignee, '3')
    expect(requested.text).toContain('已提交审批')
    expect(copies(requested, number)).toBe(1)
    expect(await status()).toBe('pending_approval')

    // One approval: the assignee is shown one current card, not one per copy they were ever sent.
    const approval = await pending(server.url, STAFF.official)
    await say(STAFF.official, button(approval, '同意', number))
    await say(STAFF.official, '无')
    const told = await pending(server.url, STAFF.assignee)
    expect(copies(told, number)).toBe(1)
    expect(told.text).toContain('【审批已通过，待办结】')

    // 办结 (4 on every version) asks first; 取消 leaves the ticket; only the confirmation closes it.
    expect(button(told, '办结', number)).toBe('4')
    expect((await say(STAFF.assignee, '4')).text).toBe(`确认办结工单 ${number}？回复 1 确认，回复 2 取消`)
    expect((await say(STAFF.assignee, '2')).text).toBe('已取消，工单未作改动。')
    expect(await status()).toBe('approved')
    await say(STAFF.assignee, '4')
    const resolved = await say(STAFF.assignee, '1')
    expect(resolved.text).toContain('已办结')
    expect(copies(resolved, number)).toBe(1)
    expect(resolved.text).toContain('【工单已办结】')
    expect(await status()).toBe('resolved')

    // Rated and closed: every copy of the task card says so, none 新工单待处理.
    const progress = await say('ent-contact', '我的工单进度')
    await say('ent-contact', button(progress, '5分 非常满意', number))
    await say('ent-contact', '无')
    expect(await status()).toBe('closed')
    const tasks = await deps.db.sentCard.findMany({
      where: { template: 'ticket-task', subject: `ticket:${ticket.id}` },
    })
    expect(tasks.length).toBeGreaterThan(1)
    for (const row of tasks) expect(JSON.parse(row.model)).toMatchObject({ title: '工单已关闭', tone: 'grey' })
  })

  it('a number pressing a card that changed since it was shown gets the current card instead', async () => {
    const { deps } = server
    const enterprise = await seedPeople(deps)
    await bindContact(deps, 'console', 'ent-contact', enterprise.id)
    const say = simulator(server.url)
    for (const line of ['申请检验检测费用减免', '今年送检的鞋类产品，申请减免检验检测费用', '13812345678', '无'])
      await say('ent-contact', line)
    const ticket = await deps.db.ticket.findFirstOrThrow()
    const todo = await say(STAFF.assignee, '我的待办')
    // The ticket changes (taken on elsewhere) while the assignee still has the old card on screen.
    const accepted = await performTicketAction(deps, {
      ticketId: ticket.id,
      version: ticket.version,
      action: 'accept',
      operator: { platform: 'console', userId: STAFF.assignee, name: STAFF.assignee },
    })
    expect(accepted.ok).toBe(true)
    const stale = await say(STAFF.assignee, button(todo, '需要审批', ticket.number))
    expect(stale.text).toContain('卡片已更新，请按最新卡片操作。')
    expect(stale.text).toContain('【工单办理中】')
    expect((await deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('in_progress')
  })
})
