// Workers cron triggers run in UTC; the registry speaks Asia/Shanghai (UTC+8, no daylight saving). This converts
// the hour field, and the day fields when the shift crosses midnight, for the cron forms the registry uses.
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

function shiftDays(field: string, by: number, modulo: number, base: number): string {
  if (field === '*') return field
  return field
    .split(',')
    .map((d) => String(((Number(d) - base + by + modulo) % modulo) + base))
    .join(',')
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
