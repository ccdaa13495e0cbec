// The shapes of /admin/api/knowledge (in the OpenAPI document): an entry as the bot answers from it, an edit, and
// what checking one gives back (the evaluation before and after, the measures that got worse, the card).
import { z } from '@hono/zod-openapi'
import { errorSchema } from '../../admin/kit.ts'
import { editableFieldsSchema } from './edits.ts'

export const entrySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    section: z.string(),
    category: z.string(),
    keywords: z.array(z.string()),
    synonyms: z.array(z.string()),
    answer: z.string(),
    source: z.string(),
    silentOn: z.array(z.string()),
    edited: z.boolean().openapi({ description: '是否在工作台改过（最新一次修改不是“恢复为文件版本”）' }),
    revisions: z.number().int().openapi({ description: '在工作台的修改次数（含恢复）' }),
  })
  .openapi('KnowledgeEntry')

const countSchema = z.object({ ok: z.number().int(), n: z.number().int() })
const measuresSchema = z
  .object({
    rightFirst: countSchema,
    wrongDeclines: countSchema,
    oosDeclined: countSchema,
    inventedFigures: countSchema,
    adversarialSafe: countSchema,
  })
  .openapi('EvalMeasures')
const setSchema = z.object({ overall: measuresSchema, categories: z.record(z.string(), measuresSchema) })
const summarySchema = z
  .object({ tuning: setSchema, holdout: setSchema, frozen: setSchema, frozen2: setSchema })
  .openapi('EvalSummary')
const evaluationSchema = z
  .object({
    before: summarySchema,
    after: summarySchema,
    regressions: z.array(
      z.object({
        set: z.string(),
        measure: z.string(),
        before: countSchema,
        after: countSchema,
        message: z.string(),
      }),
    ),
    ms: z.number().openapi({ description: '本次评测用时（毫秒）' }),
  })
  .openapi('KnowledgeEvaluation')
export const checkedSchema = z
  .object({
    saved: z.boolean(),
    revisionId: z.number().int().optional(),
    entry: entrySchema,
    preview: z.object({
      question: z.string(),
      card: z.unknown().openapi({ description: '用户会看到的回答卡片（中立卡片模型）' }),
    }),
    evaluation: evaluationSchema,
  })
  .openapi('KnowledgeEditResult')
export const refusedSchema = errorSchema
  .extend({ evaluation: evaluationSchema.optional() })
  .openapi('KnowledgeEditRefused')

export const editBody = z.object(editableFieldsSchema.shape).openapi('KnowledgeEdit')
export const entryParam = z.object({
  entryId: z
    .string()
    .max(80)
    .openapi({ param: { name: 'entryId', in: 'path' }, example: 'fee-waiver' }),
})
export const refused = {
  422: {
    description: '输入有误（逐字段说明），或评测变差（各项指标的前后对比）',
    content: { 'application/json': { schema: refusedSchema } },
  },
} as const
