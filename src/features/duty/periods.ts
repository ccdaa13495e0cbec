// When check-ins are owed, on the working calendar of Asia/Shanghai (the tickets' holidays.json): 日管控 every
// working day, 周排查 on the first working day of the week, 月调度 on the first working day of the month; and when
// each is due (a number of working days later, at a set time).
import { WORK_CALENDAR } from '../tickets/sla.ts'
import { isWorkingDay, SHANGHAI_OFFSET_MS, type WorkCalendar } from '../tickets/working-hours.ts'
import type { CheckinKind, CheckinKindConfig } from './duty.config.ts'

const DAY_MS = 24 * 3600_000

/** Days since the epoch in Shanghai local time. */
export const localDay = (at: Date) => Math.floor((at.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS)
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10)

/** Monday of the ISO week that contains `day`. */
const mondayOf = (day: number) => day - ((new Date(day * DAY_MS).getUTCDay() + 6) % 7)
const firstOfMonth = (day: number) => day - (new Date(day * DAY_MS).getUTCDate() - 1)

/** True when no working day lies between `from` (inclusive) and `day` (exclusive). */
function firstWorkingDaySince(from: number, day: number, calendar: WorkCalendar): boolean {
  if (!isWorkingDay(day, calendar)) return false
  for (let d = from; d < day; d++) if (isWorkingDay(d, calendar)) return false
  return true
}

/** True once the month of `at` has had a working day, `at`'s own day included. */
export function monthHasStartedWork(at: Date, calendar: WorkCalendar = WORK_CALENDAR): boolean {
  const day = localDay(at)
  for (let d = firstOfMonth(day); d <= day; d++) if (isWorkingDay(d, calendar)) return true
  return false
}

/** The check-ins owed on the local day of `at`, with their period keys. */
export function checkinsDue(at: Date, calendar: WorkCalendar = WORK_CALENDAR): { kind: CheckinKind; period: string }[] {
  const day = localDay(at)
  if (!isWorkingDay(day, calendar)) return []
  const due: { kind: CheckinKind; period: string }[] = [{ kind: 'daily', period: dateOf(day) }]
  if (firstWorkingDaySince(mondayOf(day), day, calendar)) due.push({ kind: 'weekly', period: dateOf(mondayOf(day)) })
  if (firstWorkingDaySince(firstOfMonth(day), day, calendar))
    due.push({ kind: 'monthly', period: dateOf(day).slice(0, 7) })
  return due
}

/** The deadline: the `dueWorkingDays`-th working day from the day of `at` (0: that day), at `dueTime`. */
export function dueAt(at: Date, config: CheckinKindConfig, calendar: WorkCalendar = WORK_CALENDAR): Date {
  let day = localDay(at)
  let left = config.dueWorkingDays
  while (left > 0) {
    day += 1
    if (isWorkingDay(day, calendar)) left -= 1
  }
  const [h, m] = config.dueTime.split(':').map(Number) as [number, number]
  return new Date(day * DAY_MS + (h * 60 + m) * 60_000 - SHANGHAI_OFFSET_MS)
}

/** How a period reads on a card: 11月24日 / 11月23日当周 / 2026年11月. */
export function periodLabel(kind: string, period: string): string {
  const [y, m, d] = period.split('-').map(Number)
  if (kind === 'monthly') return `${y}年${m}月`
  if (kind === 'weekly') return `${m}月${d}日当周`
  return `${m}月${d}日`
}
