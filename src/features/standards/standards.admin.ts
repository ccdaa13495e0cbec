// /admin/api/standards: the standards table (浙江制造 and other advanced standards) the bot answers from.
import { createRoute, z } from '@hono/zod-openapi'
import { recordAudit } from '../../admin/audit.ts'
import { type AdminResource, bearer, errorResponses, requireAdmin } from '../../admin/kit.ts'
import { INDUSTRIES } from '../enterprises/honour-kinds.ts'
import { listStandards, saveStandard } from './standards.repo.ts'
import { STANDARD_KINDS, STANDARD_STATUSES, standardInputSchema } from './standards.schema.ts'

const standardSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    industry: z.string(),
    kind: z.string(),
    status: z.string(),
    leadEnterprise: z.string().nullable(),
    publishedAt: z.string().nullable(),
  })
  .openapi('Standard')

const listRoute = createRoute({
  method: 'get',
  path: '/standards',
  tags: ['standards'],
  summary: '标准列表',
  security: bearer,
  request: {
    query: z.object({ industry: z.enum(INDUSTRIES).optional(), kind: z.enum(STANDARD_KINDS).optional() }),
  },
  responses: {
    200: {
      description: '标准',
      content: { 'application/json': { schema: z.object({ items: z.array(standardSchema) }) } },
    },
    ...errorResponses,
  },
})

const saveRoute = createRoute({
  method: 'put',
  path: '/standards',
  tags: ['standards'],
  summary: '新增或更新一项标准（按标准编号匹配）',
  security: bearer,
  request: { body: { required: true, content: { 'application/json': { schema: standardInputSchema } } } },
  responses: {
    200: { description: '已保存', content: { 'application/json': { schema: standardSchema } } },
    ...errorResponses,
  },
})

const view = (s: Awaited<ReturnType<typeof listStandards>>[number]) => ({
  ...s,
  publishedAt: s.publishedAt?.toISOString() ?? null,
})

export const standardsAdmin: AdminResource = {
  name: 'standards',
  description: `标准：“浙江制造”等先进标准（状态：${STANDARD_STATUSES.join('、')}）。`,
  routes(api, deps) {
    api.openapi(listRoute, async (c) => {
      const items = await listStandards(deps.db, c.req.valid('query'))
      return c.json({ items: items.map(view) }, 200)
    })
    api.openapi(saveRoute, async (c) => {
      requireAdmin(c)
      const input = c.req.valid('json')
      const saved = await deps.db.$transaction(async (tx) => {
        const before = await tx.standard.findUnique({ where: { code: input.code } })
        await saveStandard(tx, input)
        const after = await tx.standard.findUniqueOrThrow({ where: { code: input.code } })
        await recordAudit(
          tx,
          c.get('principal'),
          c.get('via'),
          { action: 'standard.save', subject: `standard:${after.code}`, before, after },
          deps.clock.now(),
        )
        return after
      })
      const { id: _id, createdAt: _created, ...rest } = saved
      return c.json(view(rest), 200)
    })
  },
}
