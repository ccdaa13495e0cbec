// The daily digest and the weekly summary as people get them, with an injected clock: who gets a card (nobody with
// nothing to do), what it says (tickets by urgency with the SLA clock, approvals, an official's department), the
// holiday calendar's edges, quiet hours, a chosen time, muting, and a run repeated after a crash.
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { CardModel } from '../../src/cards/model.ts'
import { renderCardText } from '../../src/cards/render-text.ts'
import { runDigest } from '../../src/features/digests/digest.job.ts'
import { LEAD_WEEKLY, STAFF_DIGEST } from '../../src/features/digests/digest.specs.ts'
import { buildCalendar } from '../../src/features/tickets/working-hours.ts'
import type { JobTrigger } from '../../src/jobs/job.ts'
import { periodKey } from '../../src/jobs/period.ts'
import { testCore } from '../helpers/core.ts'
import { seedPeople } from '../tickets/fixtures.ts'
import { setClock, ticket } from './fixtures.ts'

let core: Awaited<ReturnType<typeof testCore>>
let staff: Record<string, number>
let enterpriseId: number
beforeEach(async () => {
  core = await testCore()
  enterpriseId = (await seedPeople(core.deps, { feishu: true })).id
  const rows = await core.deps.db.staff.findMany()
  staff = Object.fromEntries(rows.map((s) => [s.name, s.id]))
})
afterEach(() => core.close())

const id = (name: string) => staff[name]!

const HOURS = [
  { start: '08:30', end: '12:00' },
  { start: '13:30', end: '17:30' },
]
const plainCalendar = buildCalendar({ workingHours: HOURS })

async function digestAt(at: string, options: { trigger?: JobTrigger; calendar?: typeof plainCalendar } = {}) {
  const firedAt = new Date(at)
  const period = periodKey('day', firedAt)
  return runDigest(
    core.deps,
    STAFF_DIGEST,
    firedAt,
    { period, trigger: options.trigger ?? 'schedule' },
    { calendar: options.calendar ?? plainCalendar },
  )
}

/** The digest rows of a day, by recipient (feishu open_id), with the card as text. */
async function digests(day: string, name = 'staff-digest') {
  const rows = await core.deps.db.outbox.findMany({ where: { dedupeKey: { startsWith: `digest:${name}:${day}:` } } })
  return Object.fromEntries(
    rows.map((row) => {
      const payload = JSON.parse(row.payload) as { body: { card: CardModel } }
      return [row.target, { row, card: payload.body.card, text: renderCardText(payload.body.card).text }]
    }),
  )
}

async function workday() {
  // 李工: one overdue (opened Monday morning, first response due Monday 14:30: 3 working hours late), one due today.
  const overdue = await ticket(core.deps, {
    assigneeId: id('李工'),
    status: 'assigned',
    createdAt: '2026-11-23T09:00:00+08:00',
    enterpriseId,
  })
  const today = await ticket(core.deps, {
    assigneeId: id('李工'),
    status: 'assigned',
    createdAt: '2026-11-23T16:00:00+08:00',
  })
  const approval = await ticket(core.deps, {
    category: 'fee_waiver',
    assigneeId: id('李工'),
    status: 'pending_approval',
    createdAt: '2026-11-23T10:00:00+08:00',
    responded: true,
    approvalDepartment: '认证检测科',
  })
  return { overdue, today, approval }
}

describe('the daily digest', () => {
  test('each person with something to do gets one card; nobody else gets anything', async () => {
    const t = await workday()
    setClock(core.clock, '2026-11-24T08:30:00+08:00')
    const report = await digestAt('2026-11-24T08:30:00+08:00')
    expect(report).toEqual({ sent: 3, skipped: 0 })
    const cards = await digests('2026-11-24')
    expect(Object.keys(cards).sort()).toEqual(['ou_assignee', 'ou_official', 'ou_official2'])

    const mine = cards.ou_assignee!
    expect(mine.card.template).toBe('staff-digest')
    expect(mine.text).toContain('【今日待办 · 11月24日（周二）】 李工，您好')
    expect(mine.text).toContain('在办 2 件（已超时 1 件、今日到期 1 件）')
    // Most urgent first, with the SLA clock in working time.
    expect(mine.text.indexOf(t.overdue.number)).toBeLessThan(mine.text.indexOf(t.today.number))
    expect(mine.text).toContain(`${t.overdue.number}　检验检测 · 示例鞋业有限公司（演示） · 首次响应已超时 3 小时`)
    expect(mine.text).toContain(
      `${t.today.number}　检验检测 · 未绑定企业 · 首次响应时限 11-24 11:00（剩余 2 小时 30 分工作时间）`,
    )
    expect(mine.card.actions.map((b) => [b.label, b.action, b.number])).toEqual([
      [`接单 ${t.overdue.number}`, 'ticket.accept', 1],
      ['查看全部待办', 'ticket.mine', 3],
      ['推送设置', 'digest.settings', 4],
      ['暂停此提醒', 'digest.mute', 5],
    ])
    expect(mine.card.tone).toBe('orange')

    // The officials: the approval waiting for them, and their department's counts per staff member.
    const official = cards.ou_official!
    expect(official.text).toContain('待您审批 1 件')
    expect(official.text).toContain(`${t.approval.number}　检验检测费用减免 · 未绑定企业 · 待您审批`)
    expect(official.text).toContain('李工：在办 2 件，超时 1 件，今日到期 1 件')
    expect(official.card.actions[0]).toMatchObject({ label: `去审批 ${t.approval.number}`, action: 'ticket.view' })
    expect(cards.ou_official2!.text).toContain('待您审批 1 件')
  })

  test('nothing to report: no message at all', async () => {
    setClock(core.clock, '2026-11-24T08:30:00+08:00')
    expect(await digestAt('2026-11-24T08:30:00+08:00')).toEqual({ sent: 0, skipped: 0 })
    expect(await core.deps.db.outbox.count()).toBe(0)
  })

  test('working days on the holiday calendar: a holiday is skipped, a 调休 Saturday is worked, Sunday is not', async () => {
    await workday()
    const calendar = buildCalendar({ workingHours: HOURS, holidays: ['2026-11-25'], workdays: ['2026-11-28'] })
    setClock(core.clock, '2026-11-25T08:30:00+08:00')
    expect(await digestAt('2026-11-25T08:30:00+08:00', { calendar })).toMatchObject({
      sent: 0,
      note: '非工作日，不发送',
    })
    setClock(core.clock, '2026-11-28T08:30:00+08:00')
    expect((await digestAt('2026-11-28T08:30:00+08:00', { calendar })).sent).toBe(3)
    setClock(core.clock, '2026-11-29T08:30:00+08:00')
    expect((await digestAt('2026-11-29T08:30:00+08:00', { calendar })).sent).toBe(0)
    // Friday 23:59 is still Friday; Saturday 00:00 in Beijing is Friday 16:00 UTC.
    setClock(core.clock, '2026-11-27T16:00:00Z')
    expect((await digestAt('2026-11-27T16:00:00Z')).note).toBe('非工作日，不发送')
    expect(await core.deps.db.outbox.count({ where: { dedupeKey: { contains: ':2026-11-25:' } } })).toBe(0)
  })

  test('quiet hours: a digest caught up in the evening is not sent (tomorrow has its own), unless quiet hours are off', async () => {
    await workday()
    setClock(core.clock, '2026-11-24T19:00:00+08:00')
    expect(await digestAt('2026-11-24T08:30:00+08:00', { trigger: 'catch_up' })).toEqual({ sent: 0, skipped: 3 })
    await core.deps.db.digestPreference.create({
      data: { staffId: id('李工'), digest: 'staff-digest', quietHours: false },
    })
    await core.deps.db.outbox.deleteMany()
    expect(await digestAt('2026-11-24T08:30:00+08:00', { trigger: 'catch_up' })).toEqual({ sent: 1, skipped: 2 })
  })

  test('a chosen time: the card waits in the outbox until 09:30; a muted digest is not built', async () => {
    await workday()
    await core.deps.db.digestPreference.createMany({
      data: [
        { staffId: id('李工'), digest: 'staff-digest', deliverAt: '09:30' },
        { staffId: id('认证副科长'), digest: 'staff-digest', muted: true },
      ],
    })
    setClock(core.clock, '2026-11-24T08:30:00+08:00')
    expect(await digestAt('2026-11-24T08:30:00+08:00')).toEqual({ sent: 2, skipped: 1 })
    const cards = await digests('2026-11-24')
    expect(cards.ou_assignee!.row.nextAttemptAt.toISOString()).toBe('2026-11-24T01:30:00.000Z')
    expect(cards.ou_official!.row.nextAttemptAt.getTime()).toBe(0)
    expect(cards.ou_official2).toBeUndefined()
  })

  test('a run repeated after a crash queues only what is missing', async () => {
    await workday()
    setClock(core.clock, '2026-11-24T08:30:00+08:00')
    await digestAt('2026-11-24T08:30:00+08:00')
    expect(await digestAt('2026-11-24T08:30:00+08:00')).toEqual({ sent: 0, skipped: 0 })
    expect(await core.deps.db.outbox.count()).toBe(3)
  })
})

describe('the weekly summary for department leads', () => {
  test('Monday: last week’s tickets in and closed, SLA kept, satisfaction and escalations, for the lead only', async () => {
    const { db } = core.deps
    await workday() // three tickets opened last week in 认证检测科
    const kept = await ticket(core.deps, {
      assigneeId: id('李工'),
      status: 'closed',
      createdAt: '2026-11-23T09:00:00+08:00',
      responded: true,
      resolvedAt: '2026-11-24T10:00:00+08:00',
    })
    await ticket(core.deps, {
      assigneeId: id('李工'),
      status: 'resolved',
      createdAt: '2026-11-02T09:00:00+08:00',
      resolvedAt: '2026-11-26T10:00:00+08:00',
      escalatedAt: '2026-11-25T10:00:00+08:00',
    })
    await db.satisfaction.create({
      data: { ticketId: kept.id, score: 4, createdAt: new Date('2026-11-24T12:00:00+08:00') },
    })
    // This week's ticket is not last week's.
    await ticket(core.deps, { assigneeId: id('李工'), status: 'assigned', createdAt: '2026-11-30T08:40:00+08:00' })

    setClock(core.clock, '2026-11-30T09:00:00+08:00')
    const firedAt = new Date('2026-11-30T09:00:00+08:00')
    const report = await runDigest(core.deps, LEAD_WEEKLY, firedAt, { period: '2026-W49', trigger: 'schedule' })
    expect(report).toEqual({ sent: 1, skipped: 0 })
    const cards = await digests('2026-W49', 'lead-weekly')
    expect(Object.keys(cards)).toEqual(['ou_official'])
    const text = cards.ou_official!.text
    expect(text).toContain('【上周工作汇总 · 11月30日（周一）】')
    expect(text).toContain('新收 4 件，办结 2 件')
    expect(text).toContain('按时办结：1 / 2 件（50%）')
    expect(text).toContain('企业满意度：4.00 分（1 份评价）')
    expect(text).toContain('超时升级：1 件')
    expect(text).toContain('统计区间：2026-11-23 至 2026-11-29')
  })
})

describe('what other features add to a 质量管家’s daily digest', () => {
  test('unanswered duty check-ins and unacknowledged alerts of the enterprises they cover, and nobody else’s', async () => {
    // 王管家 covers 鞋服 in 娄桥街道, where the fixture's enterprise is; 张工 covers nothing.
    await core.deps.db.staff.create({
      data: {
        name: '王管家',
        department: '质量发展科',
        industries: JSON.stringify(['鞋服']),
        towns: JSON.stringify(['娄桥街道']),
        identities: { create: { platform: 'feishu', userId: 'ou_steward' } },
      },
    })
    const day = '2026-11-24'
    await core.deps.db.dutyCheckin.create({
      data: {
        enterpriseId,
        kind: 'daily',
        period: day,
        dueAt: new Date(`${day}T17:00:00+08:00`),
        createdAt: new Date(`${day}T08:00:00+08:00`),
      },
    })
    await core.deps.db.alert.create({
      data: {
        title: '儿童皮鞋邻苯超标风险',
        level: '较重',
        source: '监督抽查',
        audience: JSON.stringify({ industries: ['鞋服'] }),
        action: '请自查在售批次',
        receiptDue: new Date('2026-11-30T17:00:00+08:00'),
        status: 'sent',
        publisherId: id('李工'),
        publisherPlatform: 'feishu',
        sentAt: new Date('2026-11-23T10:00:00+08:00'),
        recipients: { create: { enterpriseId } },
      },
    })
    await digestAt(`${day}T08:30:00+08:00`)
    const cards = await digests(day)
    const steward = cards.ou_steward
    expect(steward?.text).toContain('企业日管控、周排查、月调度')
    expect(steward?.text).toContain('示例鞋业有限公司（演示）：日管控')
    expect(steward?.text).toContain('风险预警回执')
    expect(steward?.text).toContain('儿童皮鞋邻苯超标风险')
    expect(cards.ou_other).toBeUndefined()
  })
})
