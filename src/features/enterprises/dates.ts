// Dates as people in Wenzhou read them: Asia/Shanghai is UTC+8 all year (no daylight saving), so a fixed offset
// is exact and works the same on Node and Workers.
const SHANGHAI_OFFSET_MS = 8 * 3600_000

/** 2026-11-24 */
export const formatDate = (date: Date) => new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)

/** 2026-11-24 10:05 */
export const formatTime = (date: Date) =>
  new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
