// The standards table staff load (浙江制造 and other advanced standards): the file / admin API shape.
import { z } from 'zod'
import { industrySchema } from '../enterprises/honour-kinds.ts'

export const STANDARD_KINDS = ['浙江制造', '团体标准', '行业标准', '国家标准', '地方标准', '企业标准'] as const
export const STANDARD_STATUSES = ['已发布', '研制中', '已立项'] as const

export const standardInputSchema = z.object({
  code: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  industry: industrySchema,
  kind: z.enum(STANDARD_KINDS),
  status: z.enum(STANDARD_STATUSES),
  leadEnterprise: z.string().trim().min(1).optional(),
  publishedAt: z.coerce.date().optional(),
})
export type StandardInput = z.input<typeof standardInputSchema>

export const standardsFileSchema = z.object({ standards: z.array(standardInputSchema).min(1) })

export interface StandardView {
  code: string
  name: string
  industry: string
  kind: string
  status: string
  leadEnterprise: string | null
  publishedAt: Date | null
}
