// /admin/api/alerts: the alerts a caller may see with their receipt rates, one alert with each enterprise's receipt,
// a new draft (its resolved audience back, nothing sent), 确认发布, and an official's decision on a 严重 alert —
// through the same functions as the chat cards (alert.admin-service.ts). With the admin token the body's `staffId`
// names the staff member who publishes or decides, and that person's rights are checked as for a card click.
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
import { alertBody, alertDetailSchema, alertItemSchema, draftOf } from './alert.admin-schemas.ts'
import {
  alertDetail,
  confirmAlertBy,
  createAlertDraft,
  decideAlertBy,
  listAlerts,
  type Refusal,
} from './alert.admin-service.ts'
import { ALERT_LEVELS, ALERT_SOURCES } from './alert.schema.ts'

const STATUSES = ['draft', 'pending_approval', 'sent', 'rejected', 'cancelled'] as const

const staffId = z
  .number()
  .int()
  .positive()
  .optional()
  .openapi({ description: '仅管理令牌：以哪位工作人员的身份操作（按其权限校验；会话登录时省略）' })
const version = z.number().int().positive().openapi({ description: '所看到的预警版本（防止与卡片上的操作冲突）' })

const refusals = {
  404: notFoundResponse[404],
  409: { description: '预警已变化或状态不允许', content: { 'application/json': { schema: errorSchema } } },
}
const detailResponse = { description: '预警', content: { 'application/json': { schema: alertDetailSchema } } }

const listRoute = createRoute({
  method: 'get',
  path: '/alerts',
  tags: ['alerts'],
  summary: '预警列表及回执率（管理员全部，审批领导本科室，工作人员本人发布的和所负责企业涉及的）',
  security: bearer,
  request: {
    query: pageQuery.extend({
      level: z.enum(ALERT_LEVELS).optional(),
      source: z.enum(ALERT_SOURCES).optional(),
      status: z.enum(STATUSES).optional(),
    }),
  },
  responses: {
    200: { description: '一页预警', content: { 'application/json': { schema: pageOf(alertItemSchema, 'AlertPage') } } },
    ...errorResponses,
  },
})

const getRoute = createRoute({
  method: 'get',
  path: '/alerts/{id}',
  tags: ['alerts'],
  summary: '预警详情：覆盖范围、逐家企业的回执（谁、何时）和求助工单',
  security: bearer,
  request: { params: idParam },
  responses: { 200: detailResponse, ...errorResponses, ...notFoundResponse },
})

const createDraftRoute = createRoute({
  method: 'post',
  path: '/alerts',
  tags: ['alerts'],
  summary: '新建预警草稿：返回解析后的覆盖范围（企业、联系人、企业群、质量管家数），不发送；范围内没有企业时拒绝',
  security: bearer,
  request: { body: { required: true, content: { 'application/json': { schema: alertBody.extend({ staffId }) } } } },
  responses: { 201: { ...detailResponse, description: '草稿及覆盖范围' }, ...errorResponses },
})

/** A change to one alert: POST /alerts/{id}/<step> with a JSON body, answered with the alert as it now is. */
const actionRoute = <T extends z.ZodType>(step: string, summary: string, schema: T) =>
  createRoute({
    method: 'post',
    path: `/alerts/{id}/${step}`,
    tags: ['alerts'],
    summary,
    security: bearer,
    request: { params: idParam, body: { required: true, content: { 'application/json': { schema } } } },
    responses: { 200: detailResponse, ...errorResponses, ...refusals },
  })

const confirmRoute = actionRoute(
  'confirm',
  '确认发布（或 cancel=true 取消）草稿：仅发布人或管理员；严重预警送发布人所在科室负责人审批',
  z.object({ version, cancel: z.boolean().default(false), staffId }).openapi('AlertConfirm'),
)

const decideRoute = actionRoute(
  'decision',
  '审批严重预警：同意发布或驳回（与卡片规则相同：仅发布人所在科室的负责人或管理员）',
  z.object({ decision: z.enum(['approve', 'reject']), version, staffId }).openapi('AlertDecision'),
)

/** The alert as the caller now sees it after a change, or the refusal with its status. */
async function answer(
  c: Context<AdminEnv>,
  deps: CoreDeps,
  outcome: Refusal | { ok: true; alert: { id: number } },
  status: 200 | 201 = 200,
) {
  if (!outcome.ok) return c.json({ error: outcome.error, message: outcome.message }, outcome.status)
  return c.json((await alertDetail(deps, { kind: 'token' }, outcome.alert.id))!, status)
}

export const alertsAdmin: AdminResource = {
  name: 'alerts',
  description:
    '质量风险预警：列表与回执率、详情（逐家回执）、新建草稿（先看覆盖范围）、确认发布，以及严重预警的审批；规则与群聊卡片相同。',
  routes(api, deps) {
    api.openapi(listRoute, async (c) => {
      const q = c.req.valid('query')
      const { items, total } = await listAlerts(deps, c.get('principal'), q, skipTake(q))
      return c.json({ items, total, page: q.page, pageSize: q.pageSize }, 200)
    })
    api.openapi(getRoute, async (c) => {
      const found = await alertDetail(deps, c.get('principal'), c.req.valid('param').id)
      if (!found) throw new AppError('not_found', '未找到该预警。')
      return c.json(found, 200)
    })
    api.openapi(createDraftRoute, async (c) => {
      const body = c.req.valid('json')
      const draft = draftOf(body, deps.clock.now())
      if (!draft.ok) {
        const refused = { error: 'validation_failed', message: '输入有误，请按提示修改。', issues: draft.issues }
        return c.json(refused, 422) as never
      }
      const made = await createAlertDraft(deps, c.get('principal'), c.get('via'), draft.draft, body.staffId)
      return (await answer(c, deps, made, 201)) as never
    })
    api.openapi(confirmRoute, async (c) => {
      const body = c.req.valid('json')
      const input = { id: c.req.valid('param').id, version: body.version, staffId: body.staffId }
      const outcome = await confirmAlertBy(deps, c.get('principal'), c.get('via'), input, body.cancel)
      return (await answer(c, deps, outcome)) as never
    })
    api.openapi(decideRoute, async (c) => {
      const body = c.req.valid('json')
      const input = { id: c.req.valid('param').id, version: body.version, staffId: body.staffId }
      const outcome = await decideAlertBy(deps, c.get('principal'), c.get('via'), input, body.decision === 'approve')
      return (await answer(c, deps, outcome)) as never
    })
  },
}
