// /admin/api/knowledge: the knowledge base's entries, read-only (entries are edited as files under knowledge/,
// checked by the tests and the evaluation set; see CONTRIBUTING.md).
import { createRoute, z } from '@hono/zod-openapi'
import { type AdminResource, bearer, errorResponses, notFoundResponse } from '../../admin/kit.ts'
import { AppError } from '../../errors.ts'

const entrySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    section: z.string(),
    category: z.string(),
    keywords: z.array(z.string()),
    answer: z.string(),
    source: z.string(),
    silentOn: z.array(z.string()),
  })
  .openapi('KnowledgeEntry')

const listRoute = createRoute({
  method: 'get',
  path: '/knowledge',
  tags: ['knowledge'],
  summary: '知识库条目（只读）',
  security: bearer,
  responses: {
    200: {
      description: '全部条目',
      content: { 'application/json': { schema: z.object({ items: z.array(entrySchema) }) } },
    },
    ...errorResponses,
  },
})

const getRoute = createRoute({
  method: 'get',
  path: '/knowledge/{entryId}',
  tags: ['knowledge'],
  summary: '一个知识库条目',
  security: bearer,
  request: {
    params: z.object({
      entryId: z
        .string()
        .max(80)
        .openapi({ param: { name: 'entryId', in: 'path' } }),
    }),
  },
  responses: {
    200: { description: '条目', content: { 'application/json': { schema: entrySchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
})

const pick = (e: z.infer<typeof entrySchema>) => ({
  id: e.id,
  title: e.title,
  section: e.section,
  category: e.category,
  keywords: e.keywords,
  answer: e.answer,
  source: e.source,
  silentOn: e.silentOn,
})

export const knowledgeAdmin: AdminResource = {
  name: 'knowledge',
  description: '知识库：机器人据以回答政策问题的条目（只读；修改请编辑 knowledge/ 下的文件并运行评测）。',
  routes(api, deps) {
    api.openapi(listRoute, (c) => c.json({ items: deps.knowledge.entries.map(pick) }, 200))
    api.openapi(getRoute, (c) => {
      const entry = deps.knowledge.get(c.req.valid('param').entryId)
      if (!entry) throw new AppError('not_found', '没有这个条目。')
      return c.json(pick(entry), 200)
    })
  },
}
