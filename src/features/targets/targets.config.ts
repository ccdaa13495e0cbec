// The plan's measurable targets (二、主要目标) as data (plan-targets.json, maintained by staff), checked with zod.
import { z } from 'zod'
import { honourKindSchema } from '../enterprises/honour-kinds.ts'
import file from './plan-targets.json' with { type: 'json' }

const sourceSchema = z.discriminatedUnion('kind', [
  /** Enterprises holding one of these honour or certificate kinds. */
  z.object({ kind: z.literal('honours'), honourKinds: z.array(honourKindSchema).min(1) }),
  /** Standards of these kinds in these statuses. */
  z.object({
    kind: z.literal('standards'),
    standardKinds: z.array(z.string().min(1)).min(1),
    statuses: z.array(z.string().min(1)).min(1),
  }),
  /** Recorded by staff in chat (目标进展). */
  z.object({ kind: z.literal('recorded') }),
])

export const targetSchema = z.object({
  code: z.string().regex(/^[a-z_]+$/),
  section: z.string().min(1),
  label: z.string().min(1).max(20),
  /** The plan's own words (a test checks they are in knowledge/source/policy.txt). */
  wording: z.string().min(1),
  goal: z.number().int().positive(),
  unit: z.string().min(1),
  source: sourceSchema,
})
export type PlanTarget = z.infer<typeof targetSchema>

export const targetsFileSchema = z.object({
  countFrom: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  targets: z.array(targetSchema).min(1),
})

const parsed = targetsFileSchema.parse(file)
export const PLAN_TARGETS: PlanTarget[] = parsed.targets
/** Records from this day on count as new (null: every record counts). */
export const COUNT_FROM: Date | null = parsed.countFrom ? new Date(`${parsed.countFrom}T00:00:00+08:00`) : null

export const findTarget = (codeOrNumber: string): PlanTarget | undefined => {
  const index = /^\d{1,2}$/.test(codeOrNumber) ? Number(codeOrNumber) - 1 : -1
  return index >= 0
    ? PLAN_TARGETS[index]
    : PLAN_TARGETS.find((t) => t.code === codeOrNumber || t.label === codeOrNumber)
}
