// Quiet hours: evenings (from 18:00 until the office opens) and days off (weekends and holidays, 调休 weekends
// counted as working days) on the bureau's calendar. A non-urgent message due then waits for the next working
// morning. Asia/Shanghai is a fixed UTC+8 (working-hours.ts).
import { isWorkingDay, SHANGHAI_OFFSET_MS, type WorkCalendar } from '../tickets/working-hours.ts'

const DAY_MS = 24 * 3600_000
const MINUTE_MS = 60_000
/** Evenings are quiet from this local minute (18:00). */
export const QUIET_FROM_MINUTE = 18 * 60

const localDay = (at: Date) => Math.floor((at.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS)
const localMinute = (at: Date) => Math.floor(((at.getTime() + SHANGHAI_OFFSET_MS) % DAY_MS) / MINUTE_MS)
const openingMinute = (calendar: WorkCalendar) => calendar.windows[0]?.start ?? 8 * 60 + 30

export function isQuiet(at: Date, calendar: WorkCalendar): boolean {
  if (!isWorkingDay(localDay(at), calendar)) return true
  const minute = localMinute(at)
  return minute < openingMinute(calendar) || minute >= QUIET_FROM_MINUTE
}

/** `at` itself when it is not quiet, else the opening of the next working day. */
export function afterQuietHours(at: Date, calendar: WorkCalendar): Date {
  if (!isQuiet(at, calendar)) return at
  let day = localDay(at)
  if (isWorkingDay(day, calendar) && localMinute(at) < openingMinute(calendar)) {
    return new Date(day * DAY_MS + openingMinute(calendar) * MINUTE_MS - SHANGHAI_OFFSET_MS)
  }
  for (let guard = 0; guard < 366; guard++) {
    day += 1
    if (isWorkingDay(day, calendar))
      return new Date(day * DAY_MS + openingMinute(calendar) * MINUTE_MS - SHANGHAI_OFFSET_MS)
  }
  return at
}

/** The instant a local date (the day of `on`) reads `hhmm` in Asia/Shanghai. */
export function atLocalTime(on: Date, hhmm: string): Date {
  const minutes = Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))
  return new Date(localDay(on) * DAY_MS + minutes * MINUTE_MS - SHANGHAI_OFFSET_MS)
}

export const isLocalWorkingDay = (at: Date, calendar: WorkCalendar) => isWorkingDay(localDay(at), calendar)
