// Working-hours arithmetic in Asia/Shanghai: SLA clocks run only Mon–Fri within the office windows (lunch break
// excluded), skip the holidays staff list, and count the adjusted working weekends (调休) they list.
// China has had no daylight saving time since 1991, so Asia/Shanghai is a fixed UTC+8 and plain arithmetic is exact.
import { z } from 'zod'

export const SHANGHAI_OFFSET_MS = 8 * 3600_000
const DAY_MS = 24 * 3600_000
const MINUTE_MS = 60_000

export interface WorkCalendar {
  /** Office windows as minutes after local midnight, in order. */
  windows: { start: number; end: number }[]
  /** Local dates (YYYY-MM-DD) that are days off although weekdays. */
  holidays: Set<string>
  /** Local dates that are working days although weekends (调休上班). */
  workdays: Set<string>
}

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
  .transform((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)))
const dateList = z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([])

export const calendarSchema = z.object({
  workingHours: z.array(z.object({ start: hhmm, end: hhmm })).min(1),
  holidays: dateList,
  workdays: dateList,
})

export function buildCalendar(input: z.input<typeof calendarSchema>): WorkCalendar {
  const parsed = calendarSchema.parse(input)
  return {
    windows: [...parsed.workingHours].sort((a, b) => a.start - b.start),
    holidays: new Set(parsed.holidays),
    workdays: new Set(parsed.workdays),
  }
}

/** The local (Asia/Shanghai) calendar date of an instant, YYYY-MM-DD. */
export const shanghaiDate = (at: Date) => new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)

/**
 * Answers per calendar and day, kept: SLA clocks over long spans (a digest of many tickets) ask the same days. A
 * calendar is built once (buildCalendar) and not changed afterwards.
 */
const workingDays = new WeakMap<WorkCalendar, Map<number, boolean>>()

export function isWorkingDay(localDay: number, calendar: WorkCalendar): boolean {
  const known = workingDays.get(calendar) ?? new Map<number, boolean>()
  workingDays.set(calendar, known)
  const answer = known.get(localDay) ?? workingDayOf(localDay, calendar)
  known.set(localDay, answer)
  return answer
}

function workingDayOf(localDay: number, calendar: WorkCalendar): boolean {
  const date = new Date(localDay * DAY_MS)
  const key = date.toISOString().slice(0, 10)
  if (calendar.workdays.has(key)) return true
  if (calendar.holidays.has(key)) return false
  const weekday = date.getUTCDay()
  return weekday !== 0 && weekday !== 6
}

/** The instant `minutes` working minutes after `start` (a start outside office hours waits for the next window). */
export function addWorkingMinutes(start: Date, minutes: number, calendar: WorkCalendar): Date {
  const local = start.getTime() + SHANGHAI_OFFSET_MS
  let day = Math.floor(local / DAY_MS)
  let cursor = local - day * DAY_MS
  let remaining = Math.max(0, minutes) * MINUTE_MS
  // Bounded: even a long holiday list cannot stall the loop for more than a few years of days.
  for (let guard = 0; guard < 3660; guard++) {
    if (isWorkingDay(day, calendar)) {
      for (const window of calendar.windows) {
        const end = window.end * MINUTE_MS
        if (cursor >= end) continue
        const from = Math.max(cursor, window.start * MINUTE_MS)
        if (remaining <= end - from) return new Date(day * DAY_MS + from + remaining - SHANGHAI_OFFSET_MS)
        remaining -= end - from
        cursor = end
      }
    }
    day += 1
    cursor = 0
  }
  throw new Error('working calendar has no working time')
}

/** Working minutes between two instants (0 when `to` is not after `from`). */
export function workingMinutesBetween(from: Date, to: Date, calendar: WorkCalendar): number {
  let total = 0
  const endLocal = to.getTime() + SHANGHAI_OFFSET_MS
  let local = from.getTime() + SHANGHAI_OFFSET_MS
  for (let guard = 0; local < endLocal && guard < 3660; guard++) {
    const day = Math.floor(local / DAY_MS)
    if (isWorkingDay(day, calendar)) {
      for (const window of calendar.windows) {
        const from = Math.max(local, day * DAY_MS + window.start * MINUTE_MS)
        const until = Math.min(endLocal, day * DAY_MS + window.end * MINUTE_MS)
        if (until > from) total += until - from
      }
    }
    local = (day + 1) * DAY_MS
  }
  return Math.round(total / MINUTE_MS)
}
