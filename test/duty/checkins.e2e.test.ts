// Duty check-ins (日管控/周排查/月调度) on the console, through the real server with the demo enterprises and
// contacts and an injected clock: issued once per period on working days, answered once by the enterprise's own
// duty contacts, a 有问题 opening a linked ticket, one reminder, then the covering 质量管家 told.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { handleCardAction } from '../../src/bot/card-action.ts'
import { followUpCheckins } from '../../src/features/duty/checkin.followup.ts'
import { issueCheckins } from '../../src/features/duty/checkin.issue.ts'
import { checkinCompletion, checkinDigestSection, checkinDigestSections } from '../../src/features/duty/index.ts'
import { checkinsDue } from '../../src/features/duty/periods.ts'
import { resolveStaff, saveStaff } from '../../src/features/staff/staff.repo.ts'
import { buildCalendar } from '../../src/features/tickets/working-hours.ts'
import { findSentCard } from '../../src/outbox/outbox.repo.ts'
import { type Bot, DEMO, startBot } from '../enterprises/harness.ts'
import { cardClickEvent } from '../helpers/actions.ts'

/** 09:00 in Wenzhou on a date. */
const nine = (date: string) => new Date(`${date}T01:00:00Z`)

let bot: Bot
beforeEach(async () => {
  bot = await startBot()
  await saveStaff(bot.db, { name: '赵工', department: '质量发展科', industries: ['眼镜'] })
})
afterEach(() => bot.close())

async function cardOf(userId: string) {
  const row = await bot.db.sentCard.findFirstOrThrow({
    where: { userId, template: 'duty-checkin' },
    orderBy: { createdAt: 'desc' },
  })
  return (await findSentCard(bot.db, row.id))!.model
}

async function checkinOf(creditCode: string, kind = 'daily') {
  const enterprise = await bot.db.enterprise.findUniqueOrThrow({ where: { creditCode } })
  return bot.db.dutyCheckin.findFirstOrThrow({ where: { enterpriseId: enterprise.id, kind } })
}

describe('when check-ins are owed', () => {
  const calendar = buildCalendar({
    workingHours: [{ start: '08:30', end: '17:30' }],
    holidays: ['2026-10-01', '2026-10-02', '2026-10-05'],
    workdays: ['2026-10-10'],
  })
  const kinds = (date: string) => checkinsDue(nine(date), calendar).map((d) => `${d.kind}:${d.period}`)

  it('daily on working days, weekly on the week’s first working day, monthly on the month’s', () => {
    expect(kinds('2026-11-23')).toEqual(['daily:2026-11-23', 'weekly:2026-11-23'])
    expect(kinds('2026-11-24')).toEqual(['daily:2026-11-24'])
    expect(kinds('2026-11-28')).toEqual([])
    expect(kinds('2026-12-01')).toEqual(['daily:2026-12-01', 'monthly:2026-12'])
    // Holidays: 10-01, 10-02 and the following Monday off; the first working day of October and of that week is
    // Tuesday 10-06; Saturday 10-10 is a 调休 working day, but not the week's first.
    expect(kinds('2026-10-01')).toEqual([])
    expect(kinds('2026-10-05')).toEqual([])
    expect(kinds('2026-10-06')).toEqual(['daily:2026-10-06', 'weekly:2026-10-05', 'monthly:2026-10'])
    expect(kinds('2026-10-10')).toEqual(['daily:2026-10-10'])
  })
})

describe('duty check-ins on the console', () => {
  it('are sent once per period to the duty contacts of flagged enterprises only', async () => {
    const first = await issueCheckins(bot.server.deps, nine('2026-12-01'))
    // Five demo enterprises carry a duty class; 2026-12-01 owes 日管控 and 月调度.
    expect(first.created).toBe(10)
    expect(await bot.db.dutyCheckin.count({ where: { kind: 'monthly', period: '2026-12' } })).toBe(5)
    // demo-boss, demo-glasses and demo-lock have duty roles: two cards each.
    expect(first.sent).toBe(6)
    const again = await issueCheckins(bot.server.deps, nine('2026-12-01'))
    expect(again).toEqual({ created: 0, sent: 0 })
    await bot.server.deps.outbox.drain()
    expect(bot.inboxOf('demo-boss')).toEqual(['日管控检查 · 12月1日', '月调度检查 · 2026年12月'])
    expect(bot.inboxOf('demo-newcomer')).toEqual([])
    // A weekend sends nothing.
    expect(await issueCheckins(bot.server.deps, nine('2026-12-05'))).toEqual({ created: 0, sent: 0 })
  })

  it('is answered once by the enterprise’s own duty contact; others are refused', async () => {
    await issueCheckins(bot.server.deps, nine('2026-11-24'))
    const card = await cardOf('demo-boss')
    expect(card.actions.map((b) => b.label)).toEqual(['已完成', '有问题'])

    // A contact of another enterprise presses the button of the shoe maker's card: refused, nothing recorded.
    const current = await findSentCard(bot.db, card.id!)
    const forged = await handleCardAction(
      bot.server.deps,
      cardClickEvent({
        operator: { platform: 'console', userId: 'demo-glasses' },
        cardId: card.id,
        cardVersion: current!.version,
        action: 'duty.done',
        value: card.actions[0]!.value,
      }),
    )
    expect(forged.toast).toEqual({
      type: 'error',
      text: '只有本企业的质量安全总监或质量安全员可以反馈该检查，操作未生效。',
    })
    // Staff cannot answer for an enterprise either.
    const staff = await bot.click('王工', card, '已完成')
    expect(staff.toast?.type).toBe('error')
    expect((await checkinOf(DEMO.shoes)).status).toBe('pending')

    const done = await bot.click('demo-boss', card, '已完成')
    expect(done.toast).toEqual({ type: 'success', text: '已记录，感谢您的反馈。' })
    expect(done.card?.actions).toEqual([])
    expect(JSON.stringify(done.card?.blocks)).toContain('已完成 · 质量安全总监 示例鞋业张经理（演示） · 11-24 10:00')
    const answered = await checkinOf(DEMO.shoes)
    expect(answered).toMatchObject({ status: 'done' })

    // The same click delivered again (same event id) and a second press: one answer.
    const event = cardClickEvent({
      operator: { platform: 'console', userId: 'demo-boss' },
      cardId: card.id,
      cardVersion: (await findSentCard(bot.db, card.id!))!.version,
      action: 'duty.problem',
      value: card.actions[1]!.value,
    })
    const second = await handleCardAction(bot.server.deps, event)
    expect(second.toast).toEqual({ type: 'info', text: '该检查已反馈，无需重复操作。' })
    await handleCardAction(bot.server.deps, event)
    expect(await checkinOf(DEMO.shoes)).toEqual(answered)
    expect(await bot.db.ticket.count()).toBe(0)
  })

  it('有问题 opens a service ticket linked to the check-in', async () => {
    await issueCheckins(bot.server.deps, nine('2026-11-24'))
    const response = await bot.click('demo-lock', await cardOf('demo-lock'), '有问题')
    const checkin = await checkinOf(DEMO.locks)
    const ticket = await bot.db.ticket.findUniqueOrThrow({ where: { id: checkin.ticketId! } })
    expect(checkin.status).toBe('problem')
    expect(ticket).toMatchObject({ category: 'quality_mgmt', enterpriseId: checkin.enterpriseId })
    expect(ticket.description).toContain('【日管控检查 11月24日】瓯海示例锁业有限公司（演示）质量安全总监')
    expect(response.toast?.text).toBe(`已生成服务工单 ${ticket.number}，质量管家将尽快与您联系。`)
    expect(JSON.stringify(response.card?.blocks)).toContain(`已反馈有问题（工单 ${ticket.number}）`)
  })

  it('gets one reminder at its deadline, then the covering 质量管家 is told, and rolls up', async () => {
    const deps = bot.server.deps
    await issueCheckins(deps, nine('2026-11-24'))
    await bot.click('demo-boss', await cardOf('demo-boss'), '已完成')
    await deps.outbox.drain()
    bot.inboxOf('demo-glasses')

    // Before the deadline (17:00) nothing; at it, one reminder; again, nothing more.
    expect(await followUpCheckins(deps, new Date('2026-11-24T08:59:00Z'))).toEqual({ reminded: 0, escalated: 0 })
    expect((await followUpCheckins(deps, new Date('2026-11-24T09:00:00Z'))).reminded).toBe(4)
    expect((await followUpCheckins(deps, new Date('2026-11-24T09:30:00Z'))).reminded).toBe(0)
    await deps.outbox.drain()
    expect(bot.inboxOf('demo-glasses')).toEqual(['日管控检查 · 11月24日'])
    const reminder = await cardOf('demo-glasses')
    expect(JSON.stringify(reminder.blocks)).toContain('已超过反馈截止时间')

    // Four working hours after the reminder: the next working day at 12:00. 赵工 covers 眼镜.
    expect((await followUpCheckins(deps, new Date('2026-11-25T03:59:00Z'))).escalated).toBe(0)
    expect((await followUpCheckins(deps, new Date('2026-11-25T04:00:00Z'))).escalated).toBe(4)
    await deps.outbox.drain()
    expect(bot.inboxOf('赵工')).toEqual([
      '【企业主体责任检查逾期】瓯海示例眼镜有限公司（演示）的日管控检查（11月24日）经提醒仍未反馈，请联系企业了解情况。',
    ])
    expect((await checkinOf(DEMO.glasses)).status).toBe('missed')
    expect((await followUpCheckins(deps, new Date('2026-11-25T06:00:00Z'))).escalated).toBe(0)

    // A late answer is still recorded.
    await bot.click('demo-glasses', reminder, '已完成')
    expect((await checkinOf(DEMO.glasses)).status).toBe('done')

    const [daily] = await checkinCompletion(deps.db, '2026-11')
    expect(daily).toMatchObject({ kind: 'daily', label: '日管控', total: 5, done: 2, open: 3, rate: 0.4 })

    // The digest section: what each covering staff member still has open that day.
    const wang = (await resolveStaff(deps.db, { platform: 'console', userId: '王工' }))!
    const zhao = (await resolveStaff(deps.db, { platform: 'console', userId: '赵工' }))!
    const chen = (await resolveStaff(deps.db, { platform: 'console', userId: '陈工' }))!
    const at = new Date('2026-11-24T09:10:00Z')
    expect(await checkinDigestSection(deps, wang, at)).toEqual({ count: 0, overdue: 0, lines: [] })
    expect(await checkinDigestSection(deps, zhao, at)).toEqual({ count: 0, overdue: 0, lines: [] })
    expect(await checkinDigestSection(deps, chen, at)).toEqual({
      count: 1,
      overdue: 1,
      lines: ['瓯海示例锁业有限公司（演示）：日管控（11月24日）未反馈，已逾期'],
    })
    // All staff at once, for a digest run: only those with something open.
    expect([...(await checkinDigestSections(deps, at)).keys()]).toEqual([chen.id])
  })
})
