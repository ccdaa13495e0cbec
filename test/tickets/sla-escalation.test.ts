// SLA escalation with an injected clock: the `ticket-sla` job escalates a ticket past its first-response time to
// the department's officials, once; a resolved ticket's clock has stopped.
import { afterEach, describe, expect, it } from 'vitest'
import { FEATURES } from '../../src/features/index.ts'
import { jobsOf } from '../../src/jobs/registry.ts'
import { runJobOnce } from '../../src/jobs/run-job.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { bindContact, button, STAFF, seedPeople, simulator } from './fixtures.ts'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
})

describe('ticket-sla job', () => {
  it('escalates an overdue ticket once, in working hours, and never a resolved one', async () => {
    // Monday 2026-11-23 09:00 in Asia/Shanghai; 4 working hours later is 14:30 (lunch break excluded).
    let now = new Date('2026-11-23T09:00:00+08:00')
    server = await startTestServer({ clock: { now: () => now } })
    const { deps } = server
    const enterprise = await seedPeople(deps)
    await bindContact(deps, 'console', 'ent-contact', enterprise.id)
    const say = simulator(server.url)
    const open = async (what: string) => {
      await say('ent-contact', '帮我约检测')
      await say('ent-contact', what)
      await say('ent-contact', '13812345678')
      const opened = await say('ent-contact', '无')
      return deps.db.ticket.findFirstOrThrow({ where: { number: /QS-\d{4}-\d{6}/.exec(opened.text)![0] } })
    }
    const late = await open('鞋类产品送检（将超时）')
    const done = await open('鞋类产品送检（将办结）')
    expect(late.firstResponseDue).toEqual(new Date('2026-11-23T14:30:00+08:00'))

    const work = await say(STAFF.assignee, '我的待办')
    const asked = await say(STAFF.assignee, button(work, '办结', done.number))
    expect(asked.text).toBe(`确认办结工单 ${done.number}？回复 1 确认，回复 2 取消`)
    await say(STAFF.assignee, '1')
    expect((await deps.db.ticket.findUniqueOrThrow({ where: { id: done.id } })).status).toBe('resolved')

    const job = jobsOf(FEATURES).find((j) => j.name === 'ticket-sla')!
    expect(job.cron).toBe('*/5 * * * *')
    now = new Date('2026-11-23T14:25:00+08:00')
    await runJobOnce(deps, job, now)
    expect(await deps.db.ticket.count({ where: { escalatedAt: { not: null } } })).toBe(0)

    now = new Date('2026-11-23T14:35:00+08:00')
    expect(await runJobOnce(deps, job, now)).toBe('ran')
    now = new Date('2026-11-23T14:40:00+08:00')
    await runJobOnce(deps, job, now)
    const escalated = await deps.db.ticket.findMany({ where: { escalatedAt: { not: null } } })
    expect(escalated.map((t) => t.id)).toEqual([late.id])
    expect(await deps.db.ticketEvent.count({ where: { ticketId: late.id, action: 'escalated' } })).toBe(1)
    const cards = await deps.db.sentCard.findMany({ where: { template: 'ticket-escalation' } })
    // Staff are addressed as people (their console account, the name), as on Feishu and DingTalk.
    expect(cards.map((c) => c.userId).sort()).toEqual([STAFF.official2, STAFF.official].sort())
    expect(cards[0]!.model).toContain(late.number)
  })
})
