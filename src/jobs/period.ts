// The period a firing belongs to, per job, in Asia/Shanghai (fixed UTC+8): the key of the once-per-period lock
// (JobRun). Minute keys stay in UTC as before, so rows written before periods existed keep meaning the same.
import type { JobPeriod } from './job.ts'

const OFFSET_MS = 8 * 3600_000
const DAY_MS = 24 * 3600_000

const local = (at: Date) => new Date(at.getTime() + OFFSET_MS)

/** ISO week (Monday first) of a local date: `2026-W49`. */
function isoWeek(day: Date): string {
  const weekday = (day.getUTCDay() + 6) % 7 // Monday 0
  const thursday = new Date(day.getTime() + (3 - weekday) * DAY_MS)
  const year = thursday.getUTCFullYear()
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}

export function periodKey(period: JobPeriod, at: Date): string {
  if (period === 'minute') return at.toISOString().slice(0, 16)
  const day = local(at)
  if (period === 'day') return day.toISOString().slice(0, 10)
  if (period === 'month') return day.toISOString().slice(0, 7)
  return isoWeek(day)
}

/** The first instant of the period that contains `at` (for reports: "last week" is the week before this one). */
export function periodStart(period: JobPeriod, at: Date): Date {
  if (period === 'minute') return new Date(Math.floor(at.getTime() / 60_000) * 60_000)
  const day = Math.floor(local(at).getTime() / DAY_MS) * DAY_MS
  if (period === 'day') return new Date(day - OFFSET_MS)
  if (period === 'week') {
    const weekday = (new Date(day).getUTCDay() + 6) % 7
    return new Date(day - weekday * DAY_MS - OFFSET_MS)
  }
  const d = new Date(day)
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - OFFSET_MS)
}
