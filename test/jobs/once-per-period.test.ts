// Once per period, with an injected clock: a second run in the same period does nothing (`ran: false`), a run cut
// short by a stopped instance is taken over, and a run missed while the bot was down is caught up once at
// start-up, and only while its period lasts.
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { catchUpMissedJobs } from '../../src/jobs/catch-up.ts'
import type { Job } from '../../src/jobs/job.ts'
import { runJob } from '../../src/jobs/run-job.ts'
import { testCore } from '../helpers/core.ts'

let core: Awaited<ReturnType<typeof testCore>>
beforeEach(async () => {
  core = await testCore()
})
afterEach(() => core.close())

function dailyProbe(): Job & { runs: string[] } {
  const runs: string[] = []
  return {
    name: 'probe-daily',
    cron: '30 8 * * *',
    period: 'day',
    catchUp: true,
    description: 'test',
    runs,
    run: async (_deps, firedAt, context) => {
      runs.push(`${context.period}:${context.trigger}:${firedAt.toISOString()}`)
      return { sent: 3, skipped: 1 }
    },
  }
}

describe('once per period', () => {
  test('the second run of a day does nothing and says so; the next day runs', async () => {
    const job = dailyProbe()
    const first = await runJob(core.deps, job, new Date('2026-12-03T08:30:00+08:00'))
    expect(first).toMatchObject({ job: 'probe-daily', period: '2026-12-03', ran: true, sent: 3, skipped: 1 })
    const again = await runJob(core.deps, job, new Date('2026-12-03T17:00:00+08:00'), 'manual')
    expect(again).toMatchObject({ period: '2026-12-03', ran: false, sent: 0, skipped: 0 })
    expect((await runJob(core.deps, job, new Date('2026-12-04T08:30:00+08:00'))).ran).toBe(true)
    expect(job.runs).toHaveLength(2)
    expect(await core.deps.db.jobRun.findMany({ where: { job: 'probe-daily' }, orderBy: { id: 'asc' } })).toMatchObject(
      [
        { period: '2026-12-03', status: 'done', sent: 3, skipped: 1 },
        { period: '2026-12-04', status: 'done' },
      ],
    )
  })

  test('two runs at once in one process run it once', async () => {
    const job = dailyProbe()
    const at = new Date('2026-12-03T08:30:00+08:00')
    const outcomes = await Promise.all([runJob(core.deps, job, at), runJob(core.deps, job, at)])
    expect(outcomes.map((o) => o.ran).sort()).toEqual([false, true])
    expect(job.runs).toHaveLength(1)
  })

  test('a run left `running` by an instance that stopped is taken over; one by a live instance is not', async () => {
    const job = dailyProbe()
    const { db } = core.deps
    await db.jobRun.create({ data: { job: job.name, period: '2026-12-03', claimedBy: 'main:gone' } })
    const taken = await runJob(core.deps, job, new Date('2026-12-03T09:00:00+08:00'), 'catch_up')
    expect(taken.ran).toBe(true)
    expect(await db.jobRun.findFirst({ where: { job: job.name } })).toMatchObject({ status: 'done' })

    await db.incarnation.create({
      data: { id: 'main:alive', host: 'h', pid: 1, role: 'main', leaseUntil: new Date(Date.now() + 60_000) },
    })
    await db.jobRun.create({ data: { job: job.name, period: '2026-12-04', claimedBy: 'main:alive' } })
    expect((await runJob(core.deps, job, new Date('2026-12-04T09:00:00+08:00'))).ran).toBe(false)
    expect(job.runs).toHaveLength(1)
  })
})

describe('catch-up after downtime', () => {
  test('the bot back at 10:00 runs the 08:30 digest it missed, once; not again at the next start', async () => {
    const job = dailyProbe()
    core.clock.advance(new Date('2026-12-03T10:00:00+08:00').getTime() - core.clock.now().getTime())
    const [outcome] = await catchUpMissedJobs(core.deps, [job])
    expect(outcome).toMatchObject({ period: '2026-12-03', ran: true })
    expect(job.runs).toEqual(['2026-12-03:catch_up:2026-12-03T00:30:00.000Z'])
    await catchUpMissedJobs(core.deps, [job])
    expect(job.runs).toHaveLength(1)
  })

  test('down for days: one catch-up for the latest firing, none for the days before', async () => {
    const job = dailyProbe()
    await runJob(core.deps, job, new Date('2026-11-30T08:30:00+08:00'))
    core.clock.advance(new Date('2026-12-03T11:00:00+08:00').getTime() - core.clock.now().getTime())
    await catchUpMissedJobs(core.deps, [job])
    expect(job.runs.map((r) => r.split(':')[0])).toEqual(['2026-11-30', '2026-12-03'])
    expect(await core.deps.db.jobRun.count({ where: { job: job.name } })).toBe(2)
  })

  test('back before today’s firing: yesterday’s missed digest is not sent today', async () => {
    const job = dailyProbe()
    core.clock.advance(new Date('2026-12-03T07:00:00+08:00').getTime() - core.clock.now().getTime())
    expect(await catchUpMissedJobs(core.deps, [job])).toEqual([])
    expect(job.runs).toEqual([])
  })

  test('jobs that do not ask for it (the minute sweeps) are not caught up', async () => {
    const job = { ...dailyProbe(), catchUp: false }
    core.clock.advance(new Date('2026-12-03T10:00:00+08:00').getTime() - core.clock.now().getTime())
    expect(await catchUpMissedJobs(core.deps, [job])).toEqual([])
  })
})
