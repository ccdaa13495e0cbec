// /admin/api/tickets: the tickets a caller may see, with SLA times, and the staff's actions on them (decide an
// approval, reassign) through the same path as the card buttons (ticket.admin-service.ts).
import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AdminEnv } from '../../admin/env.ts'
import {
  type AdminResource,
  bearer,
  errorResponses,
  errorSchema,
  idParam,
  notFoundResponse,
  pageOf,
  pageQuery,
  skipTake,
} from '../../admin/kit.ts'
import type { CoreDeps } from '../../deps.ts'
import { AppError } from '../../errors.ts'
import { TICKET_STATUSES } from './state-machine.ts'
import { actOnTicket, listTickets, type StaffActionInput, ticketDetail } from './ticket.admin-service.ts'

const ticket = z
  .object({
    id: z.number().int(),
    number: z.string().openapi({ example: 'QS-2026-000001' }),
    status: z.string(),
    statusLabel: z.string(),
    category: z.string(),
    categoryLabel: z.string(),
    description: z.string(),
    enterprise: z.string().nullable(),
    enterpriseId: z.number().int().nullable(),
    assignee: z.string().nullable(),
    assigneeId: z.number().int().nullable(),
    assigneeDepartment: z.string().nullable(),
    needsApproval: z.boolean(),
    approvalDepartment: z.string().nullable(),
    version: z.number().int().openapi({ description: '每次状态变化加一；办理时须提交所看到的版本' }),
    createdAt: z.string(),
    firstResponseDue: z.string().nullable(),
    resolutionDue: z.string().nullable(),
    firstRespondedAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    overdue: z.enum(['first_response', 'resolution']).nullable(),
  })
  .openapi('Ticket')

const detail = ticket
  .extend({
    events: z.array(
      z.object({
        action: z.string(),
        fromStatus: z.string().nullable(),
        toStatus: z.string().nullable(),
        actorName: z.string().nullable(),
        comment: z.string().nullable(),
        at: z.string(),
      }),
    ),
    satisfaction: z.object({ score: z.number().int(), comment: z.string().nullable() }).nullable(),
  })
  .openapi('TicketDetail')

const acting = {
  version: z.number().int().positive().openapi({ description: '所看到的工单版本（防止与卡片上的操作冲突）' }),
  comment: z.string().trim().max(500).optional(),
  staffId: z
    .number()
    .int()
    .positive()
    .optional()
    .openapi({ description: '仅管理令牌：代哪位工作人员办理（按其权限校验）' }),
}

const conflict = {
  409: {
    description: '工单已变化或状态不允许（返回最新说明）',
    content: { 'application/json': { schema: errorSchema } },
  },
}

const listRoute = createRoute({
  method: 'get',
  path: '/tickets',
  tags: ['tickets'],
  summary: '工单列表（管理员全部，审批领导本科室，工作人员本人）',
  security: bearer,
  request: {
    query: pageQuery.extend({
      status: z
        .enum([...TICKET_STATUSES, 'active'])
        .optional()
        .openapi({ description: 'active：尚未办结的' }),
      category: z.string().max(32).optional(),
      department: z.string().max(64).optional(),
      overdue: z
        .enum(['true', 'false'])
        .optional()
        .transform((v) => v === 'true'),
      q: z.string().trim().max(50).optional(),
    }),
  },
  responses: {
    200: { description: '一页工单', content: { 'application/json': { schema: pageOf(ticket, 'TicketPage') } } },
    ...errorResponses,
  },
})

const getRoute = createRoute({
  method: 'get',
  path: '/tickets/{id}',
  tags: ['tickets'],
  summary: '工单详情和办理记录',
  security: bearer,
  request: { params: idParam },
  responses: {
    200: { description: '工单', content: { 'application/json': { schema: detail } } },
    ...errorResponses,
    ...notFoundResponse,
  },
})

const decideRoute = createRoute({
  method: 'post',
  path: '/tickets/{id}/decision',
  tags: ['tickets'],
  summary: '审批：同意或驳回（与卡片上的按钮规则相同：仅审批科室的领导或管理员）',
  security: bearer,
  request: {
    params: idParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ decision: z.enum(['approve', 'reject']), ...acting }).openapi('Decision'),
        },
      },
    },
  },
  responses: {
    200: { description: '办理后的工单', content: { 'application/json': { schema: detail } } },
    ...errorResponses,
    ...notFoundResponse,
    ...conflict,
  },
})

const reassignRoute = createRoute({
  method: 'post',
  path: '/tickets/{id}/reassign',
  tags: ['tickets'],
  summary: '转派：指定工作人员，或不指定由系统按分工选下一位',
  security: bearer,
  request: {
    params: idParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ to: z.number().int().positive().optional(), ...acting }).openapi('Reassign'),
        },
      },
    },
  },
  responses: {
    200: { description: '办理后的工单', content: { 'application/json': { schema: detail } } },
    ...errorResponses,
    ...notFoundResponse,
    ...conflict,
  },
})

// Answers 200 with the ticket or the refusal's status; typed as a plain Response because the refusal's status is one
// of several declared ones, chosen at run time.
async function act(c: Context<AdminEnv>, deps: CoreDeps, input: StaffActionInput): Promise<Response> {
  const principal = c.get('principal')
  if (principal.kind === 'staff' && input.onBehalfOf && input.onBehalfOf !== principal.staff.id) {
    throw new AppError('forbidden', '只能以本人身份办理。')
  }
  const outcome = await actOnTicket(deps, principal, c.get('via'), input)
  if (outcome.ok) return c.json((await ticketDetail(deps, { kind: 'token' }, input.ticketId))!, 200)
  const status = (
    {
      not_found: 404,
      not_allowed: 403,
      no_identity: 422,
      stale: 409,
      conflict: 409,
      wrong_state: 409,
      needs_approval: 409,
      no_transferee: 409,
    } as const
  )[outcome.reason]
  return c.json({ error: outcome.reason, message: outcome.message }, status)
}

export const ticketsAdmin: AdminResource = {
  name: 'tickets',
  description: '一站式服务工单：列表和详情（含 SLA 时限）、审批（同意/驳回）和转派，规则与群聊卡片相同。',
  routes(api, deps) {
    api.openapi(listRoute, async (c) => {
      const q = c.req.valid('query')
      const { items, total } = await listTickets(deps, c.get('principal'), q, skipTake(q))
      return c.json({ items, total, page: q.page, pageSize: q.pageSize }, 200)
    })
    api.openapi(getRoute, async (c) => {
      const found = await ticketDetail(deps, c.get('principal'), c.req.valid('param').id)
      if (!found) throw new AppError('not_found', '未找到该工单。')
      return c.json(found, 200)
    })
    api.openapi(decideRoute, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      return (await act(c, deps, {
        ticketId: id,
        version: body.version,
        action: body.decision,
        comment: body.comment,
        onBehalfOf: body.staffId,
      })) as never
    })
    api.openapi(reassignRoute, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      return (await act(c, deps, {
        ticketId: id,
        version: body.version,
        action: 'transfer',
        comment: body.comment,
        transferTo: body.to,
        onBehalfOf: body.staffId,
      })) as never
    })
  },
}
