// The plan's targets on the console: the figures as the plan words them, progress from the demo enterprise
// records and from what staff record (staff only), and the monthly 月调度 card on the month's first working day,
// drawn as text bars where the platform has no charts.
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { renderCardText } from '../../src/cards/render-text.ts'
import { saveStaff } from '../../src/features/staff/staff.repo.ts'
import { monthlyData, sendMonthlyCard } from '../../src/features/targets/monthly.service.ts'
import { allProgress } from '../../src/features/targets/progress.ts'
import { PLAN_TARGETS } from '../../src/features/targets/targets.config.ts'
import { targetsSeeder } from '../../src/features/targets/targets.seeder.ts'
import { type Bot, readDemo, startBot } from '../enterprises/harness.ts'

const policy = readFileSync('knowledge/source/policy.txt', 'utf8')

describe('the plan’s targets as data', () => {
  it('are worded as the plan words them, in section 二', () => {
    const section = policy.slice(policy.indexOf('二、主要目标'), policy.indexOf('三、重点任务'))
    for (const target of PLAN_TARGETS) expect(section).toContain(target.wording)
    expect(PLAN_TARGETS.map((t) => [t.code, t.goal])).toEqual([
      ['advanced_qms', 50],
      ['gov_quality_award', 5],
      ['pinzibiao', 10],
      ['quality_research', 10],
      ['industry_project', 1],
      ['advanced_standards', 6],
      ['benchmarking', 14],
    ])
    for (const target of PLAN_TARGETS) expect(target.wording).toContain(String(target.goal))
  })
})

let bot: Bot
beforeEach(async () => {
  bot = await startBot()
  await saveStaff(bot.db, {
    name: '质量发展科负责人（演示）',
    department: '质量发展科',
    role: 'official',
    isLead: true,
  })
})
afterEach(() => bot.close())

const values = async () => Object.fromEntries((await allProgress(bot.db)).map((p) => [p.target.code, p.value]))

describe('progress', () => {
  it('is counted from enterprise records where they show it, and recorded by staff otherwise', async () => {
    expect(await values()).toEqual({
      advanced_qms: 1,
      gov_quality_award: 0,
      pinzibiao: 2,
      quality_research: 0,
      industry_project: 0,
      advanced_standards: 2,
      benchmarking: 2,
    })
    const contact = bot.session('demo-boss')
    expect((await contact.say('登记目标进展 2 3')).text).toContain('该功能仅供工作人员使用')
    const staff = bot.session('王工')
    expect((await staff.say('登记目标进展 1 5')).text).toContain('按企业档案自动统计，无需登记')
    expect((await staff.say('登记目标进展 9 5')).text).toContain('没有序号或名称为“9”的目标')
    expect((await staff.say('登记目标进展 2 -1')).text).toContain('数值须为不小于 0 的整数')
    expect((await staff.say('登记目标进展 2 3 已走访三家企业')).text).toBe(
      '已登记：争创市级以上政府质量奖 3/5家（60%）。方案原文：重点服务5家企业争创市级以上政府质量奖。',
    )
    expect((await values()).gov_quality_award).toBe(3)
    expect((await staff.say('目标进展')).text).toContain('2. 争创市级以上政府质量奖：3/5家（60%，登记）')
  })
})

describe('the monthly 月调度 card', () => {
  it('goes to officials on the first working day at 09:00, once, with text bars on the console', async () => {
    await targetsSeeder.load(bot.db, await readDemo('targets.json'))
    const deps = bot.server.deps
    expect(await sendMonthlyCard(deps, new Date('2026-12-01T01:00:00Z'))).toEqual({ sent: 1, month: '2026-11' })
    expect(await sendMonthlyCard(deps, new Date('2026-12-01T01:00:00Z'))).toEqual({ sent: 0, month: '2026-11' })
    expect(await sendMonthlyCard(deps, new Date('2026-12-02T01:00:00Z'))).toEqual({ sent: 0, month: '2026-11' })
    await deps.outbox.drain()
    const [message] = bot.server.console.inbox.take({ userId: '质量发展科负责人（演示）' })
    expect(message?.body.kind).toBe('card')
    const card = message!.body.kind === 'card' ? message!.body.card : null
    expect(card?.blocks.some((b) => b.type === 'chart')).toBe(false)
    const text = renderCardText(card!).text
    expect(text).toContain('【质量强企千百行动 · 月调度】 2026年11月 · 截至 2026-12-01 09:00')
    expect(text).toContain('3. “品字标”认证：2/10家（20%，企业档案）')
    expect(text).toContain('2. 争创市级以上政府质量奖：2/5家（40%，工作人员登记）')
    expect(text).toContain('5. 行业领域质量攻坚项目：0/1个（0%，尚未登记）')
    expect(text).toContain('3 “品字标”认证\n▇▇░░░░░░░░ 20%（9月 10% → 10月 20% → 11月 20%）')
    expect(text).toContain('日管控：该月无应反馈的检查')
    // The month's progress is kept as the chart's point for November.
    expect(await bot.db.targetSnapshot.count({ where: { month: '2026-11' } })).toBe(PLAN_TARGETS.length)
  })

  it('waits for the month’s first working day, and catches up once after a missed one', async () => {
    const deps = bot.server.deps
    // 2026-08-01 is a Saturday: the first working day of August is Monday 08-03.
    expect(await sendMonthlyCard(deps, new Date('2026-08-01T01:00:00Z'))).toEqual({ sent: 0, month: null })
    expect(await sendMonthlyCard(deps, new Date('2026-08-02T01:00:00Z'))).toEqual({ sent: 0, month: null })
    // The server was down on 08-03: the run on 08-04 sends it, and the next day's does not.
    expect(await sendMonthlyCard(deps, new Date('2026-08-04T01:00:00Z'))).toEqual({ sent: 1, month: '2026-07' })
    expect(await sendMonthlyCard(deps, new Date('2026-08-05T01:00:00Z'))).toEqual({ sent: 0, month: '2026-07' })
  })

  it('reports last month’s tickets, SLA kept and satisfaction by category', async () => {
    const { db } = bot
    const at = (day: string) => new Date(`2026-11-${day}T02:00:00Z`)
    const base = { originPlatform: 'console', description: '演示', createdAt: at('03') }
    const kept = await db.ticket.create({
      data: {
        ...base,
        number: 'T1',
        category: 'metrology',
        status: 'closed',
        resolutionDue: at('10'),
        resolvedAt: at('05'),
      },
    })
    await db.ticket.create({
      data: {
        ...base,
        number: 'T2',
        category: 'metrology',
        status: 'resolved',
        resolutionDue: at('10'),
        resolvedAt: at('12'),
      },
    })
    await db.ticket.create({ data: { ...base, number: 'T3', category: 'testing', status: 'assigned' } })
    await db.satisfaction.create({ data: { ticketId: kept.id, score: 5, createdAt: at('06') } })
    const data = await monthlyData(db, new Date('2026-12-01T01:00:00Z'), '2026-11', { snapshot: false })
    expect(data.tickets).toMatchObject({ opened: 3, resolved: 2, kept: 1, timed: 2 })
    const text = renderCardText(
      (await import('../../src/features/targets/monthly.card.ts')).renderMonthlyCard(data, { charts: false }),
    ).text
    expect(text).toContain('· 按时办结：1/2（50%）')
    expect(text).toContain('· 满意度：5 分（1 条评价）')
    expect(text).toContain('计量：受理 2 件，办结 2 件，按时 1/2，满意度 5 分')
    expect(text).toContain('检验检测：受理 1 件，办结 0 件，按时 —，满意度 暂无评价')
  })
})
