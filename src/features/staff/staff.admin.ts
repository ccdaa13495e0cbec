// /admin/api/staff and /admin/api/roles: the staff directory (who covers what, their role and linked accounts).
// Everyone signed in reads names, departments and roles; admins also see the linked accounts, and only admins write.
import { createRoute, z } from '@hono/zod-openapi'
import { recordAudit } from '../../admin/audit.ts'
import { type AdminResource, bearer, errorResponses, requireAdmin } from '../../admin/kit.ts'
import { isAdmin } from '../../admin/principal.ts'
import type { DbOrTx } from '../../db/client.ts'
import { findStaff, saveStaff } from './staff.repo.ts'
import { STAFF_ROLES, type StaffView, staffInputSchema, toStaffView } from './staff.schema.ts'

export const ROLE_LABELS: Record<(typeof STAFF_ROLES)[number], { label: string; description: string }> = {
  staff: { label: '工作人员（质量管家）', description: '办理分派给本人的工单' },
  official: { label: '审批领导', description: '审批本科室的事项，查看本科室的工单，可转派本科室的工单' },
  admin: { label: '管理员', description: '查看和办理全部工单，维护企业、人员、标准，导入导出，查看日志' },
}

const staffSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    department: z.string(),
    role: z.enum(STAFF_ROLES),
    isLead: z.boolean(),
    categories: z.array(z.string()),
    industries: z.array(z.string()),
    towns: z.array(z.string()),
    active: z.boolean(),
    identities: z.array(z.object({ platform: z.string(), userId: z.string() })).optional(),
  })
  .openapi('Staff')

export async function listAllStaff(db: DbOrTx): Promise<StaffView[]> {
  const rows = await db.staff.findMany({ orderBy: { id: 'asc' }, include: { identities: true } })
  return rows.map(toStaffView)
}

const listRoute = createRoute({
  method: 'get',
  path: '/staff',
  tags: ['staff'],
  summary: '人员名单（含分工、角色；管理员可见平台账号）',
  security: bearer,
  responses: {
    200: {
      description: '全部人员',
      content: { 'application/json': { schema: z.object({ items: z.array(staffSchema) }) } },
    },
    ...errorResponses,
  },
})

const saveRoute = createRoute({
  method: 'put',
  path: '/staff',
  tags: ['staff'],
  summary: '新增或更新一位工作人员（按平台账号或姓名+科室匹配）',
  security: bearer,
  request: { body: { required: true, content: { 'application/json': { schema: staffInputSchema } } } },
  responses: {
    200: { description: '保存后的人员', content: { 'application/json': { schema: staffSchema } } },
    ...errorResponses,
  },
})

const rolesRoute = createRoute({
  method: 'get',
  path: '/roles',
  tags: ['staff'],
  summary: '角色及其权限说明',
  security: bearer,
  responses: {
    200: {
      description: '角色',
      content: {
        'application/json': {
          schema: z.object({
            items: z.array(z.object({ role: z.enum(STAFF_ROLES), label: z.string(), description: z.string() })),
          }),
        },
      },
    },
    ...errorResponses,
  },
})

export const staffAdmin: AdminResource = {
  name: 'staff',
  description: '人员与角色：质量管家、审批领导和管理员，各自的科室、业务分工和关联的飞书/钉钉账号。',
  routes(api, deps) {
    api.openapi(listRoute, async (c) => {
      const all = await listAllStaff(deps.db)
      const admin = isAdmin(c.get('principal'))
      return c.json({ items: all.map(({ identities, ...s }) => (admin ? { ...s, identities } : s)) }, 200)
    })
    api.openapi(saveRoute, async (c) => {
      requireAdmin(c)
      const input = c.req.valid('json')
      const saved = await deps.db.$transaction(async (tx) => {
        const existing = await tx.staff.findFirst({ where: { name: input.name, department: input.department } })
        const before = existing ? await findStaff(tx, existing.id) : null
        const after = await saveStaff(tx, input)
        await recordAudit(
          tx,
          c.get('principal'),
          c.get('via'),
          { action: 'staff.save', subject: `staff:${after.id}`, before, after },
          deps.clock.now(),
        )
        return after
      })
      return c.json(saved, 200)
    })
    api.openapi(rolesRoute, (c) => c.json({ items: STAFF_ROLES.map((role) => ({ role, ...ROLE_LABELS[role] })) }, 200))
  },
}
