// Times as people in the bureau read them: Asia/Shanghai (fixed UTC+8, see working-hours.ts).
import { SHANGHAI_OFFSET_MS } from './working-hours.ts'

const local = (at: Date) => new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString()

/** 11-24 10:32 */
export const shortTime = (at: Date) => `${local(at).slice(5, 10)} ${local(at).slice(11, 16)}`

/** 2026-11-24 10:32 */
export const fullTime = (at: Date) => `${local(at).slice(0, 10)} ${local(at).slice(11, 16)}`

/** 2026-11 */
export const shanghaiMonth = (at: Date) => local(at).slice(0, 7)
