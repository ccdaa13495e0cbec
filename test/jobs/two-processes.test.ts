// `npm run jobs -- run staff-digest` twice at once, as two processes on one database (an SQLite file, and
// PostgreSQL when one answers): the day's digest runs once, every staff member gets one card, and the CLI says
// which of the two ran (`"ran": true`) and which found the period done (`"ran": false`).
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, test } from 'vitest'
import { openNodeDb } from '../../src/db/node-db.ts'
import { postgresAvailable, postgresTestUrl, sqliteTestUrl } from '../helpers/db.ts'

const run = promisify(execFile)
const tsx = join(process.cwd(), 'node_modules/.bin/tsx')
const AT = '2026-12-03T08:30:00+08:00' // a Thursday, a working day

async function twoAtOnce(url: string) {
  const env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'error' }
  const seeded = await run(tsx, ['src/cli/seed.ts', '--demo'], { env })
  expect(seeded.stdout).toContain('tickets:')
  const once = () => run(tsx, ['src/cli/jobs.ts', 'run', 'staff-digest', '--at', AT, '--json'], { env })
  const [a, b] = await Promise.all([once(), once()])
  const outcomes = [a, b].map((r) => JSON.parse(r.stdout.trim().split('\n').at(-1)!))
  const ran = outcomes.find((o) => o.ran)
  expect(outcomes.map((o) => o.ran).sort()).toEqual([false, true])
  expect(outcomes.find((o) => !o.ran)).toEqual({
    job: 'staff-digest',
    period: '2026-12-03',
    ran: false,
    sent: 0,
    skipped: 0,
  })
  expect(ran).toMatchObject({ job: 'staff-digest', period: '2026-12-03', skipped: 0 })
  expect(ran.sent).toBeGreaterThan(3)

  const db = await openNodeDb(url)
  try {
    const rows = await db.outbox.findMany({ where: { dedupeKey: { startsWith: 'digest:staff-digest:2026-12-03:' } } })
    expect(rows).toHaveLength(ran.sent)
    expect(new Set(rows.map((r) => r.target)).size).toBe(rows.length)
    expect(await db.jobRun.findMany({ where: { job: 'staff-digest' } })).toMatchObject([
      { period: '2026-12-03', status: 'done', sent: ran.sent },
    ])
  } finally {
    await db.$disconnect()
  }
  return env
}

describe('two `jobs run` processes on one database', () => {
  test('SQLite file: the period runs once, and `jobs list` shows it', async () => {
    const env = await twoAtOnce(await sqliteTestUrl())
    const { stdout } = await run(tsx, ['src/cli/jobs.ts', 'list'], { env })
    expect(stdout).toMatch(/staff-digest\n {2}时间：每天 08:30（cron 30 8 \* \* \*，每天一次）/)
    expect(stdout).toMatch(/上次运行：2026-12-03 done（[\d-]+ [\d:]+，发送 \d+，跳过 0）/)
    expect(stdout).toContain('lead-weekly\n  时间：每周一 09:00')
  }, 120_000)

  test('PostgreSQL: the period runs once', async (ctx) => {
    if (!(await postgresAvailable())) {
      console.warn('PostgreSQL tests SKIPPED: no server on 127.0.0.1:5432')
      return ctx.skip()
    }
    const { url, drop } = await postgresTestUrl()
    try {
      await twoAtOnce(url)
    } finally {
      await drop()
    }
  }, 90_000)
})
