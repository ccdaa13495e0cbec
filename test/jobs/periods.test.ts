// Periods in Asia/Shanghai, crons read in Asia/Shanghai, and the one conversion to Workers' UTC crons: the daily
// digest's trigger fires at 00:30 UTC, which is 08:30 in Beijing, and maps back to the digest job for that day.
import { describe, expect, test } from 'vitest'
import { FEATURES } from '../../src/features/index.ts'
import { cronMatches, nextFiring, previousFiring } from '../../src/jobs/cron-match.ts'
import { toUtcCron } from '../../src/jobs/cron-utc.ts'
import { describeCron } from '../../src/jobs/describe.ts'
import { periodKey, periodStart } from '../../src/jobs/period.ts'
import { jobsOf } from '../../src/jobs/registry.ts'
import { jobsForTrigger } from '../../src/jobs/worker-cron.ts'

describe('periods (Asia/Shanghai)', () => {
  test('a day starts at local midnight: 23:59 UTC on the 2nd is already the 3rd in Beijing', () => {
    expect(periodKey('day', new Date('2026-12-02T15:59:00Z'))).toBe('2026-12-02')
    expect(periodKey('day', new Date('2026-12-02T16:00:00Z'))).toBe('2026-12-03')
    expect(periodStart('day', new Date('2026-12-03T10:00:00+08:00')).toISOString()).toBe('2026-12-02T16:00:00.000Z')
  })

  test('weeks are ISO weeks from Monday, months local months, minutes as before', () => {
    expect(periodKey('week', new Date('2026-12-07T09:00:00+08:00'))).toBe('2026-W50')
    expect(periodKey('week', new Date('2026-12-06T23:59:00+08:00'))).toBe('2026-W49')
    expect(periodKey('week', new Date('2027-01-01T09:00:00+08:00'))).toBe('2026-W53')
    expect(periodStart('week', new Date('2026-12-09T12:00:00+08:00')).toISOString()).toBe('2026-12-06T16:00:00.000Z')
    expect(periodKey('month', new Date('2026-11-30T16:30:00Z'))).toBe('2026-12')
    expect(periodKey('minute', new Date('2026-11-24T02:00:30Z'))).toBe('2026-11-24T02:00')
  })
})

describe('crons read in Asia/Shanghai', () => {
  test('matches and finds the previous and next firing', () => {
    expect(cronMatches('30 8 * * *', new Date('2026-12-03T00:30:00Z'))).toBe(true)
    expect(cronMatches('30 8 * * *', new Date('2026-12-03T08:30:00Z'))).toBe(false)
    expect(cronMatches('0 9 * * 1', new Date('2026-12-07T01:00:00Z'))).toBe(true)
    expect(cronMatches('*/5 * * * *', new Date('2026-12-07T01:05:00Z'))).toBe(true)
    expect(cronMatches('0 9 * * 1-5', new Date('2026-12-05T01:00:00Z'))).toBe(false)
    expect(previousFiring('30 8 * * *', new Date('2026-12-03T10:00:00+08:00'))?.toISOString()).toBe(
      '2026-12-03T00:30:00.000Z',
    )
    expect(previousFiring('30 8 * * *', new Date('2026-12-03T08:00:00+08:00'))?.toISOString()).toBe(
      '2026-12-02T00:30:00.000Z',
    )
    expect(nextFiring('0 9 * * 1', new Date('2026-12-03T10:00:00+08:00'))?.toISOString()).toBe(
      '2026-12-07T01:00:00.000Z',
    )
  })

  test('describes schedules as staff read them', () => {
    expect(describeCron('30 8 * * *')).toBe('每天 08:30')
    expect(describeCron('0 9 * * 1')).toBe('每周一 09:00')
    expect(describeCron('*/5 * * * *')).toBe('每 5 分钟')
    expect(describeCron('0 9 1 * *')).toBe('每月 1 日 09:00')
  })
})

describe('Workers: UTC cron triggers, converted in one place', () => {
  test('the daily digest at 08:30 Beijing is 00:30 UTC, the Monday summary 01:00 UTC on Monday', () => {
    expect(toUtcCron('30 8 * * *')).toBe('30 0 * * *')
    expect(toUtcCron('0 9 * * 1')).toBe('0 1 * * 1')
    // Across midnight the weekday moves too, ranges included.
    expect(toUtcCron('0 7 * * 1-5')).toBe('0 23 * * 0,1,2,3,4')
  })

  test('a trigger maps back to its job, and its UTC firing time to the Beijing day it is for', () => {
    const jobs = jobsOf(FEATURES)
    expect(jobsForTrigger(jobs, '30 0 * * *').map((j) => j.name)).toEqual(['staff-digest'])
    expect(jobsForTrigger(jobs, '0 1 * * 1').map((j) => j.name)).toEqual(['policy-weekly', 'lead-weekly'])
    const scheduledTime = new Date('2026-12-03T00:30:00Z')
    const digest = jobsForTrigger(jobs, '30 0 * * *')[0]!
    expect(cronMatches(digest.cron, scheduledTime)).toBe(true)
    expect(periodKey(digest.period!, scheduledTime)).toBe('2026-12-03')
  })
})
