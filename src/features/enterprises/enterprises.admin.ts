// /admin/api/enterprises: the 培育库 of enterprises with their honours, certificates, duty classes, products and
// contacts. Every signed-in staff member reads; admins write (a whole profile at a time, matched on the credit code).
import { createRoute, z } from '@hono/zod-openapi'
import { recordAudit } from '../../admin/audit.ts'
import {
  type AdminResource,
  bearer,
  errorResponses,
  idParam,
  notFoundResponse,
  pageOf,
  pageQuery,
  requireAdmin,
  skipTake,
} from '../../admin/kit.ts'
import type { DbOrTx } from '../../db/client.ts'
import { AppError } from '../../errors.ts'
import { findEnterpriseByCreditCode, findEnterpriseById, saveEnterprise } from './enterprise.repo.ts'
import { enterpriseInputSchema } from './enterprise.schema.ts'
import { INDUSTRIES } from './honour-kinds.ts'

const summary = z
  .object({
    id: z.number().int(),
    name: z.string(),
    creditCode: z.string(),
    industry: z.string(),
    size: z.string().nullable(),
    town: z.string().nullable(),
    contacts: z.number().int(),
  })
  .openapi('EnterpriseSummary')

const profile = z
  .object({
    id: z.number().int(),
    name: z.string(),
    creditCode: z.string(),
    industry: z.string(),
    size: z.string().nullable(),
    town: z.string().nullable(),
    dutyClasses: z.array(z.string()),
    products: z.array(z.string()),
    honours: z.array(
      z.object({ kind: z.string(), level: z.string().nullable(), year: z.number().nullable(), title: z.string() }),
    ),
    certificates: z.array(
      z.object({
        kind: z.string(),
        number: z.string().nullable(),
        title: z.string(),
        issuedAt: z.string().nullable(),
        expiresAt: z.string().nullable(),
      }),
    ),
    contacts: z.array(
      z.object({
        id: z.number().int(),
        name: z.string().nullable(),
        platform: z.string(),
        dutyRole: z.string().nullable(),
        boundAt: z.string().nullable(),
      }),
    ),
  })
  .openapi('Enterprise')

export interface EnterpriseFilter {
  q?: string
  industry?: string
  town?: string
}

export async function listEnterprises(db: DbOrTx, filter: EnterpriseFilter, page: { skip: number; take: number }) {
  const where = {
    ...(filter.q
      ? { OR: [{ name: { contains: filter.q } }, { creditCode: { contains: filter.q.toUpperCase() } }] }
      : {}),
    ...(filter.industry ? { industry: filter.industry } : {}),
    ...(filter.town ? { town: filter.town } : {}),
  }
  const [rows, total] = await Promise.all([
    db.enterprise.findMany({
      where,
      orderBy: { id: 'asc' },
      include: { _count: { select: { contacts: true } } },
      ...page,
    }),
    db.enterprise.count({ where }),
  ])
  const items = rows.map((r) => ({
    id: r.id,
    name: r.name,
    creditCode: r.creditCode,
    industry: r.industry,
    size: r.size,
    town: r.town,
    contacts: r._count.contacts,
  }))
  return { items, total }
}

/** The profile with its contacts, dates as ISO text: what the API and the console show. */
export async function enterpriseDetail(db: DbOrTx, id: number) {
  const p = await findEnterpriseById(db, id)
  if (!p) return null
  const contacts = await db.contact.findMany({ where: { enterpriseId: id }, orderBy: { id: 'asc' } })
  return {
    ...p,
    certificates: p.certificates.map((c) => ({
      ...c,
      issuedAt: c.issuedAt?.toISOString() ?? null,
      expiresAt: c.expiresAt?.toISOString() ?? null,
    })),
    contacts: contacts.map((c) => ({
      id: c.id,
      name: c.name,
      platform: c.platform,
      dutyRole: c.dutyRole,
      boundAt: c.boundAt?.toISOString() ?? null,
    })),
  }
}

const listRoute = createRoute({
  method: 'get',
  path: '/enterprises',
  tags: ['enterprises'],
  summary: '企业列表（可按名称/信用代码、行业、街道筛选）',
  security: bearer,
  request: {
    query: pageQuery.extend({
      q: z.string().trim().max(50).optional().openapi({ description: '名称或统一社会信用代码的一部分' }),
      industry: z.enum(INDUSTRIES).optional(),
      town: z.string().trim().max(50).optional(),
    }),
  },
  responses: {
    200: { description: '一页企业', content: { 'application/json': { schema: pageOf(summary, 'EnterprisePage') } } },
    ...errorResponses,
  },
})

const getRoute = createRoute({
  method: 'get',
  path: '/enterprises/{id}',
  tags: ['enterprises'],
  summary: '企业档案（荣誉、证书、监管类别、重点产品、联系人）',
  security: bearer,
  request: { params: idParam },
  responses: {
    200: { description: '企业档案', content: { 'application/json': { schema: profile } } },
    ...errorResponses,
    ...notFoundResponse,
  },
})

const saveRoute = createRoute({
  method: 'put',
  path: '/enterprises',
  tags: ['enterprises'],
  summary: '新增或更新一家企业（按统一社会信用代码匹配；荣誉和证书以本次提交为准）',
  security: bearer,
  request: { body: { required: true, content: { 'application/json': { schema: enterpriseInputSchema } } } },
  responses: {
    200: {
      description: '保存后的档案',
      content: { 'application/json': { schema: z.object({ created: z.boolean(), enterprise: profile }) } },
    },
    ...errorResponses,
  },
})

export const enterprisesAdmin: AdminResource = {
  name: 'enterprises',
  description: '企业培育库：企业档案、荣誉、证书、监管类别、重点产品和联系人。',
  routes(api, deps) {
    api.openapi(listRoute, async (c) => {
      const q = c.req.valid('query')
      const { items, total } = await listEnterprises(deps.db, q, skipTake(q))
      return c.json({ items, total, page: q.page, pageSize: q.pageSize }, 200)
    })
    api.openapi(getRoute, async (c) => {
      const detail = await enterpriseDetail(deps.db, c.req.valid('param').id)
      if (!detail) throw new AppError('not_found', '没有这家企业。')
      return c.json(detail, 200)
    })
    api.openapi(saveRoute, async (c) => {
      requireAdmin(c)
      const input = c.req.valid('json')
      const result = await deps.db.$transaction(async (tx) => {
        const before = await findEnterpriseByCreditCode(tx, input.creditCode)
        const saved = await saveEnterprise(tx, input)
        await recordAudit(
          tx,
          c.get('principal'),
          c.get('via'),
          { action: 'enterprise.save', subject: `enterprise:${saved.id}`, before, after: saved },
          deps.clock.now(),
        )
        return { created: !before, id: saved.id }
      })
      return c.json({ created: result.created, enterprise: (await enterpriseDetail(deps.db, result.id))! }, 200)
    })
  },
}
