// The one-stop service loop on the console, through the real server: open via chat → assignee card → approval
// card → refused click by a non-official → the official's decision (card updated, contact notified) → duplicate
// and concurrent clicks yield one decision → resolution → satisfaction recorded.
import { describe, expect, it } from 'vitest'
import { handleCardAction } from '../../src/bot/card-action.ts'
import { findSentCard } from '../../src/outbox/outbox.repo.ts'
import { type TestServer, withServer } from '../helpers/server.ts'
import { bindContact, button, clickAs, STAFF, seedPeople, simulator } from './fixtures.ts'

const server = withServer()

const approvalCards = (s: TestServer) =>
  s.deps.db.sentCard.findMany({ where: { template: 'ticket-approval' }, orderBy: { createdAt: 'asc' } })

describe('tickets on the console', () => {
  it('runs the whole loop with exactly one approval decision', async () => {
    const { deps } = server
    const enterprise = await seedPeople(deps)
    await bindContact(deps, 'console', 'ent-contact', enterprise.id)
    const say = simulator(server.url)

    // Open via chat, one question at a time.
    const first = await say('ent-contact', '申请检验检测费用减免')
    expect(first.intent).toBe('ticket')
    expect(first.text).toContain('检验检测费用减免')
    await say('ent-contact', '今年送检的鞋类产品，申请减免检验检测费用')
    expect((await say('ent-contact', '12345')).text).toContain('格式不正确')
    await say('ent-contact', '13812345678')
    const opened = await say('ent-contact', '无')
    expect(opened.intent).toBe('ticket_opened')
    const number = /QS-\d{4}-\d{6}/.exec(opened.text)?.[0]
    expect(number).toMatch(/-000001$/)
    expect(opened.text).toContain('138****5678')
    expect(opened.others.some((o) => o.to === STAFF.assignee && o.text.includes('需要审批'))).toBe(true)
    const ticket = await deps.db.ticket.findFirstOrThrow({ where: { number } })
    expect(ticket).toMatchObject({ status: 'assigned', needsApproval: true, approvalDepartment: '认证检测科' })

    // The assignee sends it for approval from their to-do card.
    const todo = await say(STAFF.assignee, '我的待办')
    expect(todo.text).toContain(number)
    const requested = await say(STAFF.assignee, button(todo, '需要审批', number))
    expect(requested.text).toContain('已提交审批')
    expect(
      requested.others
        .filter((o) => o.text.includes('工单审批'))
        .map((o) => o.to)
        .sort(),
    ).toEqual([STAFF.official2, STAFF.official].sort())

    // A colleague who is not an official of the department clicks 同意 on the official's card: refused.
    const [card] = await approvalCards(server)
    const view = (await findSentCard(deps.db, card!.id))!
    const approve = view.model.actions.find((a) => a.action === 'ticket.approve')!
    const before = await deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })
    const refused = await handleCardAction(
      deps,
      clickAs(
        STAFF.assignee,
        { id: view.id, version: view.version, chatId: view.chatId! },
        'ticket.approve',
        approve.value,
        new Date(),
      ),
    )
    expect(refused.toast).toMatchObject({ type: 'error' })
    expect(await deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toEqual(before)

    // Both officials click at once on their own copies: exactly one decision.
    const copies = await Promise.all((await approvalCards(server)).map((c) => findSentCard(deps.db, c.id)))
    const answers = await Promise.all(
      copies.map((c, i) =>
        handleCardAction(
          deps,
          clickAs(
            i === 0 ? STAFF.official : STAFF.official2,
            { id: c!.id, version: c!.version, chatId: c!.chatId! },
            'ticket.approve',
            c!.model.actions.find((a) => a.action === 'ticket.approve')!.value,
            new Date(),
          ),
        ),
      ),
    )
    expect(answers.filter((a) => a.toast?.type === 'success')).toHaveLength(1)
    const decisions = await deps.db.ticketEvent.findMany({
      where: { ticketId: ticket.id, action: { in: ['approved', 'rejected'] } },
    })
    expect(decisions).toHaveLength(1)
    await server.idle()
    // Every copy of the approval card now shows the decision, and the contact was told.
    for (const c of await approvalCards(server)) {
      const shown = (await findSentCard(deps.db, c.id))!.model
      expect(JSON.stringify(shown.blocks)).toMatch(/已同意 · 认证(副)?科长 · \d{2}-\d{2} \d{2}:\d{2}/)
      expect(shown.actions).toHaveLength(0)
    }
    const toContact = await deps.db.outbox.findMany({ where: { target: 'p2p-ent-contact' } })
    expect(toContact.some((o) => o.payload.includes('审批已通过'))).toBe(true)

    // A repeated click on the old card version changes nothing.
    const again = await handleCardAction(
      deps,
      clickAs(
        STAFF.official,
        { id: copies[0]!.id, version: copies[0]!.version, chatId: copies[0]!.chatId! },
        'ticket.approve',
        approve.value,
        new Date(),
      ),
    )
    expect(again.toast?.type).toBe('warning')
    expect(await deps.db.ticketEvent.count({ where: { ticketId: ticket.id, action: 'approved' } })).toBe(1)

    // The official's own view: a command is not taken for the optional comment, and nothing is left to decide.
    const officialTodo = await say(STAFF.official, '我的待办')
    expect(officialTodo.intent).toBe('ticket_mine')
    expect(officialTodo.text).not.toMatch(/\[\d+\] 同意/)

    // Resolution by the assignee, then the contact rates it.
    const work = await say(STAFF.assignee, '我的待办')
    // 办结 cannot be taken back: on the console it asks first, and only the confirmation acts.
    const asked = await say(STAFF.assignee, button(work, '办结', number))
    expect(asked.text).toBe(`确认办结工单 ${number}？回复 1 确认，回复 2 取消`)
    expect((await deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('approved')
    const resolved = await say(STAFF.assignee, '1')
    expect(resolved.text).toContain('已办结')
    const progress = await say('ent-contact', '我的工单进度')
    expect(progress.text).toContain(number)
    const rated = await say('ent-contact', button(progress, '5分 非常满意', number))
    expect(rated.text).toContain('感谢您的评价')
    await say('ent-contact', '服务很及时')
    const score = await deps.db.satisfaction.findUniqueOrThrow({ where: { ticketId: ticket.id } })
    expect(score).toMatchObject({ score: 5, comment: '服务很及时' })
    const final = await deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })
    expect(final.status).toBe('closed')
    const trail = await deps.db.ticketEvent.findMany({ where: { ticketId: ticket.id }, orderBy: { id: 'asc' } })
    expect(trail.map((e) => e.action)).toEqual([
      'created',
      'assigned',
      'approval_requested',
      'approved',
      'resolved',
      'closed',
    ])
  })
})
