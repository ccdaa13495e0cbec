// GET /admin/api/audit: the audit log, newest first (admins only: it shows every change and who made it).
import { createRoute, z } from '@hono/zod-openapi'
import { listAudit } from '../audit.ts'
import { type AdminResource, bearer, errorResponses, pageOf, pageQuery, requireAdmin, skipTake } from '../kit.ts'

const auditEntry = z
  .object({
    id: z.number().int(),
    at: z.string().openapi({ format: 'date-time' }),
    actor: z.string().openapi({ example: 'staff:3' }),
    actorName: z.string().nullable(),
    via: z.string().openapi({ example: 'console' }),
    action: z.string().openapi({ example: 'ticket.approve' }),
    subject: z.string().nullable().openapi({ example: 'ticket:5' }),
    before: z.unknown(),
    after: z.unknown(),
  })
  .openapi('AuditEntry')

const list = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['audit'],
  summary: '操作日志',
  security: bearer,
  request: {
    query: pageQuery.extend({
      subject: z.string().max(64).optional().openapi({ example: 'ticket:5' }),
      actor: z.string().max(64).optional().openapi({ example: 'staff:3' }),
      action: z.string().max(64).optional().openapi({ description: '以此开头的操作，如 ticket' }),
    }),
  },
  responses: {
    200: { description: '一页日志', content: { 'application/json': { schema: pageOf(auditEntry, 'AuditPage') } } },
    ...errorResponses,
  },
})

export const auditResource: AdminResource = {
  name: 'audit',
  description: '操作日志：通过管理接口、控制台和导入所做的每一处修改（谁、何时、改了什么、改前改后）。',
  routes(api, deps) {
    api.openapi(list, async (c) => {
      requireAdmin(c)
      const q = c.req.valid('query')
      const { rows, total } = await listAudit(deps.db, q, skipTake(q))
      const items = rows.map((r) => ({ ...r, at: r.at.toISOString() }))
      return c.json({ items, page: q.page, pageSize: q.pageSize, total }, 200)
    })
  },
}
