// The schedule is built from the feature list (jobsOf, src/jobs/registry.ts); wrangler.toml mirrors it in UTC, and
// a job runs once per period however many instances fire it.
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { FEATURES } from '../../src/features/index.ts'
import { toUtcCron } from '../../src/jobs/cron-utc.ts'
import { jobsOf } from '../../src/jobs/registry.ts'
import { runJobOnce } from '../../src/jobs/run-job.ts'
import { testCore } from '../helpers/core.ts'

test('wrangler.toml cron triggers are exactly the registry’s crons in UTC', () => {
  const toml = readFileSync('wrangler.toml', 'utf8')
  const crons = JSON.parse(/^crons\s*=\s*(\[.*\])/m.exec(toml)![1]!) as string[]
  expect(new Set(crons)).toEqual(new Set(jobsOf(FEATURES).map((job) => toUtcCron(job.cron))))
})

test('Asia/Shanghai crons convert to UTC, across midnight too', () => {
  expect(toUtcCron('*/5 * * * *')).toBe('*/5 * * * *')
  expect(toUtcCron('30 8 * * 1')).toBe('30 0 * * 1')
  expect(toUtcCron('0 7 * * 1')).toBe('0 23 * * 0')
  expect(toUtcCron('0 6 1 * *')).toBe('0 22 31 * *')
  expect(() => toUtcCron('0 7,9 * * *')).toThrow(/straddle/)
})

let core: Awaited<ReturnType<typeof testCore>>
beforeEach(async () => {
  core = await testCore()
})
afterEach(() => core.close())

test('two instances firing the same job in the same minute run it once', async () => {
  let runs = 0
  const job = { name: 'probe', cron: '* * * * *', description: 'test', run: async () => runs++ }
  const firedAt = new Date('2026-11-24T02:00:00Z')
  const results = await Promise.all([runJobOnce(core.deps, job, firedAt), runJobOnce(core.deps, job, firedAt)])
  expect(results.sort()).toEqual(['ran', 'skipped'])
  expect(runs).toBe(1)
  expect(await runJobOnce(core.deps, job, new Date('2026-11-24T02:01:00Z'))).toBe('ran')
  expect(await core.deps.db.jobRun.count({ where: { job: 'probe', status: 'done' } })).toBe(2)
})

test('a failing job is recorded as failed with its error', async () => {
  const job = {
    name: 'boom',
    cron: '* * * * *',
    description: 'test',
    run: async () => Promise.reject(new Error('kaput')),
  }
  expect(await runJobOnce(core.deps, job, new Date())).toBe('failed')
  expect(await core.deps.db.jobRun.findFirst({ where: { job: 'boom' } })).toMatchObject({
    status: 'failed',
    error: 'kaput',
  })
})
