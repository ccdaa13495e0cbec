// When one person's digest goes out: at their chosen time (or the digest's own) on the day it is for, not before
// the run; after their quiet hours when those are on; never outside its period (a digest that could only arrive
// tomorrow is not sent: tomorrow has its own). A manual run (`npm run jobs -- run`) delivers at once.
import type { JobPeriod, JobTrigger } from '../../jobs/job.ts'
import { periodKey } from '../../jobs/period.ts'
import type { WorkCalendar } from '../tickets/working-hours.ts'
import type { Preference } from './preferences.repo.ts'
import { afterQuietHours, atLocalTime } from './quiet-hours.ts'

export interface DeliveryInput {
  preference: Preference
  /** The digest's own time (HH:MM). */
  time: string
  period: JobPeriod
  /** The period's key. */
  periodKey: string
  /** The firing the run is for (its day is the day the digest is for). */
  firedAt: Date
  /** Now, by the business clock. */
  now: Date
  trigger: JobTrigger
  calendar: WorkCalendar
}

/** `{at}`: deliver then (undefined: at once); `{skip}`: not this period. */
export function deliveryTime(input: DeliveryInput): { at?: Date } | { skip: 'quiet' } {
  if (input.trigger === 'manual') return {}
  const scheduled = atLocalTime(input.firedAt, input.preference.deliverAt ?? input.time)
  // biome-ignore lint/complexity/useMathMinMax: Dates, not numbers (Math.max would turn them into numbers)
  let at = scheduled > input.now ? scheduled : input.now
  if (input.preference.quietHours) at = afterQuietHours(at, input.calendar)
  if (periodKey(input.period, at) !== input.periodKey) return { skip: 'quiet' }
  return { at: at > input.now ? at : undefined }
}
