// Check-ins and their follow-up run once however many instances fire them, on SQLite and PostgreSQL: the job's
// period lock (JobRun) for issuing, and conditional updates for the reminder, the escalation and the answer.
import { afterEach, describe, expect, it } from 'vitest'
import { dutyFeature } from '../../src/features/duty/index.ts'
import { loadStaffFile } from '../../src/features/staff/staff.repo.ts'
import { runJobOnce } from '../../src/jobs/run-job.ts'
import { testCore } from '../helpers/core.ts'
import { postgresAvailable } from '../helpers/db.ts'

const pgUp = await postgresAvailable()
if (!pgUp) console.warn('\n!!! duty once-only test on PostgreSQL SKIPPED: no PostgreSQL answers on 127.0.0.1:5432\n')

let core: Awaited<ReturnType<typeof testCore>> | undefined
afterEach(async () => {
  await core?.close()
  core = undefined
})

const job = (name: string) => dutyFeature.jobs!.find((j) => j.name === name)!

describe.each(['sqlite', 'postgresql'] as const)('on %s', (kind) => {
  it.skipIf(kind === 'postgresql' && !pgUp)('two instances issue, remind and escalate each check-in once', async () => {
    core = await testCore(kind)
    const { db } = core.deps
    await loadStaffFile(db, {
      staff: [{ name: '王工', department: '质量发展科', industries: ['鞋服'], identities: { feishu: 'ou_wang' } }],
    })
    for (const n of [1, 2, 3]) {
      const enterprise = await db.enterprise.create({
        data: {
          name: `示例企业${n}（演示）`,
          creditCode: `91330304MA2ONCE0${n}X`,
          industry: '鞋服',
          dutyClasses: '["强标"]',
        },
      })
      await db.contact.create({
        data: { platform: 'feishu', userId: `ou_c${n}`, dutyRole: '质量安全员', enterpriseId: enterprise.id },
      })
    }
    // Monday 2026-11-23 09:00: 日管控 and 周排查 for three enterprises.
    const nine = new Date('2026-11-23T01:00:00Z')
    const issued = await Promise.all([
      runJobOnce(core.deps, job('duty-checkins'), nine),
      runJobOnce(core.deps, job('duty-checkins'), nine),
    ])
    expect(issued.sort()).toEqual(['ran', 'skipped'])
    expect(await db.dutyCheckin.count()).toBe(6)
    expect(await db.outbox.count()).toBe(6)

    // Two follow-ups at once (different instances, or a slow run overlapping the next): one reminder each.
    const due = new Date('2026-11-23T09:00:00Z')
    const { followUpCheckins } = await import('../../src/features/duty/checkin.followup.ts')
    const reminded = await Promise.all([followUpCheckins(core.deps, due), followUpCheckins(core.deps, due)])
    expect(reminded[0]!.reminded + reminded[1]!.reminded).toBe(3)
    const later = new Date('2026-11-24T04:00:00Z')
    const escalated = await Promise.all([followUpCheckins(core.deps, later), followUpCheckins(core.deps, later)])
    expect(escalated[0]!.escalated + escalated[1]!.escalated).toBe(3)
    expect(await db.outbox.count({ where: { dedupeKey: { contains: ':missed:' } } })).toBe(3)
    expect(await db.outbox.count({ where: { dedupeKey: { contains: ':reminder:' } } })).toBe(3)
  })
})
