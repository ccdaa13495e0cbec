// The shape of rules/*.yaml: the 质量贷/标准贷 增信 criteria and the programmes the finder suggests. Staff edit
// these files; zod checks them when they are loaded, so a typo is reported with the file name, not at answer time.
import { z } from 'zod'
import { certificateKindSchema, honourKindSchema, industrySchema } from '../enterprises/honour-kinds.ts'

const text = z.string().trim().min(1)
/** A section of the plan, e.g. 四、(三) */
const section = z.string().regex(/^[一二三四五六七八九十]+、(\([一二三四五六七八九十]+\))?$/, 'section like 三、(一)')

export const criterionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    label: text,
    /** Met by any honour of these kinds… */
    honours: z.array(honourKindSchema).default([]),
    /** …or by a certificate of these kinds that has not expired. */
    certificates: z.array(certificateKindSchema).default([]),
    /** The path that would get an enterprise there, with the plan section it comes from. */
    next: z.object({ text, section }),
  })
  .refine((c) => c.honours.length + c.certificates.length > 0, 'a criterion needs honours or certificates')

/** A rule's version: staff raise it when the criteria change, so 政策找企业 looks at every enterprise again. */
const ruleVersion = z.number().int().positive().default(1)

export const loanRulesSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  version: ruleVersion,
  products: z.array(text).min(1),
  title: text,
  section,
  quote: text,
  summary: text,
  disclaimer: text,
  criteria: z.array(criterionSchema).min(1),
})
export type LoanRules = z.infer<typeof loanRulesSchema>
export type Criterion = z.infer<typeof criterionSchema>

export const programmeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    version: ruleVersion,
    kind: honourKindSchema,
    title: text,
    /** The one-stop service category the 申请辅导 button opens a ticket in. */
    category: z
      .string()
      .regex(/^[a-z_]+$/)
      .default('other'),
    /** Government quality award: 区 → 市 → 省 → 国家, the next tier up is suggested. */
    tiered: z.boolean().default(false),
    section,
    policy: text,
    /** Honours that make this one closer (an enterprise that holds them is further along). */
    related: z.array(honourKindSchema).default([]),
    /** Industries the plan names for this programme, and how it names them. */
    industries: z.array(industrySchema).default([]),
    industryReason: text.optional(),
  })
  .refine((p) => p.industries.length === 0 || p.industryReason, 'industries need an industryReason')

export const programmesFileSchema = z.object({ programmes: z.array(programmeSchema).min(1) })
export type Programme = z.infer<typeof programmeSchema>

/** Everything in rules/, as loaded from the directory (Node) or from the bundle (Workers). */
export const rulesBundleSchema = z.object({
  version: z.literal(1),
  loan: loanRulesSchema,
  programmes: z.array(programmeSchema).min(1),
})
export type RulesBundle = z.infer<typeof rulesBundleSchema>

export class RulesFormatError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`)
    this.name = 'RulesFormatError'
  }
}

export const zodProblems = (error: z.ZodError) =>
  error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)

/** Validates parsed YAML/JSON of one file; throws RulesFormatError naming the file. */
export function parseRulesFile<S extends z.ZodType>(schema: S, data: unknown, file: string): z.infer<S> {
  const parsed = schema.safeParse(data)
  if (!parsed.success) throw new RulesFormatError(file, zodProblems(parsed.error))
  return parsed.data
}
