// The campaign days (campaign-days.json, maintained by staff), checked with zod; and which day's draft is due.
import { z } from 'zod'
import { SHANGHAI_OFFSET_MS } from '../tickets/working-hours.ts'
import file from './campaign-days.json' with { type: 'json' }

export const TEXT_MIN = 10
export const TEXT_MAX = 1000

const daySchema = z.object({
  code: z.string().regex(/^[a-z_]+$/),
  name: z.string().min(1),
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
  draft: z.string().min(TEXT_MIN).max(TEXT_MAX),
})
export type CampaignDay = z.infer<typeof daySchema>

export const campaignsConfigSchema = z.object({
  draftDaysBefore: z.number().int().min(1).max(60),
  draftDepartment: z.string().min(1),
  approvalDepartment: z.string().min(1),
  days: z.array(daySchema).min(1),
})

export const CAMPAIGNS = campaignsConfigSchema.parse(file)

export const campaignDay = (code: string) => CAMPAIGNS.days.find((d) => d.code === code)

const DAY_MS = 24 * 3600_000

/** The campaign days whose drafting window (draftDaysBefore days up to the day) contains the local day of `at`. */
export function draftsDue(at: Date, days = CAMPAIGNS.days, before = CAMPAIGNS.draftDaysBefore) {
  const today = Math.floor((at.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS)
  const year = new Date(today * DAY_MS).getUTCFullYear()
  return days.flatMap((d) => {
    // The window may start in the previous year only for a day in early January; none of the plan's are.
    const dayOf = Math.floor(Date.UTC(year, d.month - 1, d.day) / DAY_MS)
    return today >= dayOf - before && today < dayOf ? [{ day: d, year }] : []
  })
}

export const dateLabel = (d: CampaignDay) => (d.code === 'quality_month' ? `${d.month}月` : `${d.month}月${d.day}日`)
