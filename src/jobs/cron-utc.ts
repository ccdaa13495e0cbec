// THE one place Asia/Shanghai crons become UTC: Workers cron triggers run in UTC; the registry speaks Asia/Shanghai
// (UTC+8, no daylight saving). This converts the hour field, and the day fields (lists and ranges) when the shift
// crosses midnight, for the cron forms the registry uses. wrangler.toml holds the results (test/jobs/schedule.test.ts)
// and runCronTrigger (worker-cron.ts) maps a trigger back to its jobs with it.
const OFFSET_HOURS = 8

function shiftHours(field: string): { hours: string; dayShift: number } {
  if (field === '*' || field.startsWith('*/')) return { hours: field, dayShift: 0 }
  const hours = field.split(',').map(Number)
  if (hours.some((h) => !Number.isInteger(h) || h < 0 || h > 23))
    throw new Error(`unsupported cron hour field: ${field}`)
  const shifted = hours.map((h) => h - OFFSET_HOURS)
  const crosses = shifted.some((h) => h < 0)
  if (crosses && shifted.some((h) => h >= 0)) throw new Error(`cron hours ${field} straddle UTC midnight`)
  return { hours: shifted.map((h) => (h + 24) % 24).join(','), dayShift: crosses ? -1 : 0 }
}

/** A day field's values (lists and ranges expanded), shifted by a day; steps are refused. */
function shiftDays(field: string, by: number, modulo: number, base: number): string {
  if (field === '*') return field
  if (field.includes('/')) throw new Error(`cannot shift a stepped day field: ${field}`)
  const values = field.split(',').flatMap((part) => {
    const [from, to = from] = part.split('-').map(Number) as [number, number?]
    return Array.from({ length: to - from + 1 }, (_, i) => from + i)
  })
  return [...new Set(values.map((d) => ((d - base + by + modulo) % modulo) + base))].sort((a, b) => a - b).join(',')
}

/** Asia/Shanghai cron → the UTC cron for wrangler.toml. */
export function toUtcCron(cron: string): string {
  const [minute, hour, dom, month, dow] = cron.trim().split(/\s+/)
  if (dow === undefined) throw new Error(`cron must have five fields: ${cron}`)
  const { hours, dayShift } = shiftHours(hour!)
  if (dayShift && dom !== '*' && dow !== '*') throw new Error(`cannot shift both day fields: ${cron}`)
  const newDom = dayShift && dom !== '*' ? shiftDays(dom!, dayShift, 31, 1) : dom
  const newDow = dayShift && dow !== '*' ? shiftDays(dow, dayShift, 7, 0) : dow
  return [minute, hours, newDom, month, newDow].join(' ')
}
