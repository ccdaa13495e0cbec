// The enterprise profile's shapes: `EnterpriseInput` is what the demo seed (and later the admin API) sends;
// `EnterpriseProfile` is what features read. The credit code is checked here, so nothing invalid is ever stored.
import { z } from 'zod'
import { checkCreditCode } from './credit-code.ts'
import {
  type AwardLevel,
  awardLevelSchema,
  certificateKindSchema,
  type DutyClass,
  dutyClassSchema,
  ENTERPRISE_SIZES,
  type HonourKind,
  honourKindSchema,
  industrySchema,
} from './honour-kinds.ts'

export const creditCodeSchema = z.string().transform((value, ctx) => {
  const check = checkCreditCode(value)
  if (!check.ok) ctx.addIssue({ code: 'custom', message: `invalid 统一社会信用代码 (${check.problem})` })
  return check.code
})

export const honourInputSchema = z
  .object({
    kind: honourKindSchema,
    level: awardLevelSchema.optional(),
    year: z.number().int().min(1990).max(2100).optional(),
    title: z.string().trim().min(1),
  })
  .refine((h) => h.kind !== 'gov_quality_award' || h.level !== undefined, {
    message: 'a gov_quality_award needs a level (国家/省/市/区)',
  })

export const certificateInputSchema = z.object({
  kind: certificateKindSchema,
  number: z.string().trim().min(1).optional(),
  title: z.string().trim().min(1),
  issuedAt: z.coerce.date().optional(),
  expiresAt: z.coerce.date().optional(),
})

export const enterpriseInputSchema = z.object({
  name: z.string().trim().min(2).max(100),
  creditCode: creditCodeSchema,
  industry: industrySchema,
  size: z.enum(ENTERPRISE_SIZES).optional(),
  town: z.string().trim().min(1).optional(),
  dutyClasses: z.array(dutyClassSchema).default([]),
  products: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
  honours: z.array(honourInputSchema).default([]),
  certificates: z.array(certificateInputSchema).default([]),
})
export type EnterpriseInput = z.input<typeof enterpriseInputSchema>

export const enterpriseFileSchema = z.object({ enterprises: z.array(enterpriseInputSchema).min(1) })

export interface HonourView {
  kind: HonourKind | string
  level: AwardLevel | null
  year: number | null
  title: string
}

export interface CertificateView {
  kind: string
  number: string | null
  title: string
  issuedAt: Date | null
  expiresAt: Date | null
}

export interface EnterpriseProfile {
  id: number
  name: string
  creditCode: string
  industry: string
  size: string | null
  town: string | null
  /** Duty classes (三、(九)); non-empty means the enterprise owes 日管控/周排查/月调度 check-ins. */
  dutyClasses: DutyClass[]
  products: string[]
  honours: HonourView[]
  certificates: CertificateView[]
}
