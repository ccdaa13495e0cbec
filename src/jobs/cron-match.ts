// Five-field crons read in Asia/Shanghai: whether a minute matches, and the latest matching minute before an
// instant (for the start-up catch-up and `npm run jobs -- list`). Supports what the registry uses: `*`, `*/n`,
// numbers, lists and ranges.
const OFFSET_MS = 8 * 3600_000
const MINUTE_MS = 60_000

function fieldMatches(field: string, value: number): boolean {
  return field.split(',').some((part) => {
    const [range, stepText] = part.split('/')
    const step = stepText ? Number(stepText) : 1
    if (range === '*') return value % step === 0
    const [from, to] = range!.split('-').map(Number) as [number, number | undefined]
    if (to === undefined) return stepText ? value >= from && (value - from) % step === 0 : value === from
    return value >= from && value <= to && (value - from) % step === 0
  })
}

/** Whether the cron fires at the minute that contains `at` (Asia/Shanghai). */
export function cronMatches(cron: string, at: Date): boolean {
  const [minute, hour, dom, month, dow] = cron.trim().split(/\s+/) as [string, string, string, string, string]
  const t = new Date(at.getTime() + OFFSET_MS)
  const weekday = t.getUTCDay()
  return (
    fieldMatches(minute, t.getUTCMinutes()) &&
    fieldMatches(hour, t.getUTCHours()) &&
    fieldMatches(dom, t.getUTCDate()) &&
    fieldMatches(month, t.getUTCMonth() + 1) &&
    (fieldMatches(dow, weekday) || (weekday === 0 && fieldMatches(dow, 7)))
  )
}

/** The latest firing at or before `at`, looking back at most `days` days; null when none. */
export function previousFiring(cron: string, at: Date, days = 35): Date | null {
  let t = Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS
  const stop = t - days * 24 * 60 * MINUTE_MS
  for (; t >= stop; t -= MINUTE_MS) if (cronMatches(cron, new Date(t))) return new Date(t)
  return null
}

/** The next firing after `at`, looking ahead at most `days` days; null when none. */
export function nextFiring(cron: string, at: Date, days = 35): Date | null {
  let t = (Math.floor(at.getTime() / MINUTE_MS) + 1) * MINUTE_MS
  const stop = t + days * 24 * 60 * MINUTE_MS
  for (; t <= stop; t += MINUTE_MS) if (cronMatches(cron, new Date(t))) return new Date(t)
  return null
}
