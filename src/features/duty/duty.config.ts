// The check-in checklists and deadlines (duty-checklists.json, maintained by staff), checked with zod when loaded.
import { z } from 'zod'
import { findCategory } from '../tickets/categories.ts'
import file from './duty-checklists.json' with { type: 'json' }

export const CHECKIN_KINDS = ['daily', 'weekly', 'monthly'] as const
export const checkinKindSchema = z.enum(CHECKIN_KINDS)
export type CheckinKind = z.infer<typeof checkinKindSchema>

const kindSchema = z.object({
  label: z.string().min(1),
  dueWorkingDays: z.number().int().min(0).max(20),
  dueTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  items: z.array(z.string().trim().min(1).max(100)).min(1).max(10),
})
export type CheckinKindConfig = z.infer<typeof kindSchema>

export const dutyConfigSchema = z.object({
  /** The service ticket category 有问题 opens (src/features/tickets/categories.json). */
  problemCategory: z.string().refine((code) => findCategory(code) !== undefined, 'not a ticket category code'),
  escalateAfterWorkingHours: z.number().positive().max(80),
  kinds: z.object({ daily: kindSchema, weekly: kindSchema, monthly: kindSchema }),
})
export type DutyConfig = z.infer<typeof dutyConfigSchema>

export const DUTY_CONFIG: DutyConfig = dutyConfigSchema.parse(file)

export const kindLabel = (kind: string) => DUTY_CONFIG.kinds[kind as CheckinKind]?.label ?? kind
