// /admin/api/targets: the plan's targets with their progress and course over the months, recording a figure for a
// target staff record (the chat command's rules, audited), and the monthly 月调度 report's data for a month.
import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AdminEnv } from '../../admin/env.ts'
import { type AdminResource, bearer, errorResponses } from '../../admin/kit.ts'
import type { CoreDeps } from '../../deps.ts'
import { AppError } from '../../errors.ts'
import { shanghaiMonth } from '../tickets/time.ts'
import { monthlyData } from './monthly.service.ts'
import { recordProgressAs, STAFF_MESSAGES } from './record-audited.ts'
import { MAX_NOTE_LENGTH, MAX_TARGET_VALUE, refusalMessage } from './record-progress.ts'
import { monthlyReport, targetItem, toItem, toMonthlyReport } from './targets.api-shapes.ts'
import { targetsOverview } from './targets.overview.ts'

const listRoute = createRoute({
  method: 'get',
  path: '/targets',
  tags: ['targets'],
  summary: '方案主要目标及进展（含逐月走势）',
  security: bearer,
  responses: {
    200: {
      description: '七项目标',
      content: { 'application/json': { schema: z.object({ items: z.array(targetItem) }) } },
    },
    ...errorResponses,
  },
})

const recordBody = z
  .object({
    target: z.string().trim().min(1).max(40).openapi({ description: '目标代码或序号', example: 'gov_quality_award' }),
    value: z.number().int().min(0).max(MAX_TARGET_VALUE).openapi({ example: 3 }),
    note: z.string().trim().max(MAX_NOTE_LENGTH).optional().openapi({ example: '已走访三家企业' }),
    staffId: z
      .number()
      .int()
      .positive()
      .optional()
      .openapi({ description: '仅管理令牌：由哪位工作人员登记（须在职）' }),
  })
  .openapi('TargetRecordInput')

const recordRoute = createRoute({
  method: 'post',
  path: '/targets/progress',
  tags: ['targets'],
  summary: '登记目标进展（仅限由工作人员登记的目标，规则与对话中的“登记目标进展”相同）',
  security: bearer,
  request: { body: { required: true, content: { 'application/json': { schema: recordBody } } } },
  responses: {
    201: { description: '登记后的目标', content: { 'application/json': { schema: targetItem } } },
    ...errorResponses,
  },
})

const monthQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM，例如 2026-11')
    .optional()
    .openapi({ example: '2026-11', description: '默认为本月（截至当前）' }),
})

const monthlyRoute = createRoute({
  method: 'get',
  path: '/targets/monthly',
  tags: ['targets'],
  summary: '月调度报告数据（目标进展、逐月走势、工单、满意度、企业检查反馈率）',
  security: bearer,
  request: { query: monthQuery },
  responses: {
    200: {
      description: '该月的报告数据（不保存快照）',
      content: {
        'application/json': {
          schema: monthlyReport,
        },
      },
    },
    ...errorResponses,
  },
})

// Answers 201 with the target or a refusal; typed as a plain Response because the refusal's status is one of
// several declared ones, chosen at run time (as the tickets resource does).
async function record(c: Context<AdminEnv>, deps: CoreDeps, body: z.infer<typeof recordBody>): Promise<Response> {
  const outcome = await recordProgressAs(deps, c.get('principal'), c.get('via'), body)
  if (outcome.ok) {
    const item = (await targetsOverview(deps.db)).find((t) => t.code === outcome.target.code)!
    return c.json(toItem(item), 201)
  }
  if (outcome.reason === 'not_self') throw new AppError('forbidden', STAFF_MESSAGES.not_self)
  const message = outcome.field === 'staffId' ? STAFF_MESSAGES.no_staff : refusalMessage(outcome)
  const issues = [{ path: outcome.field, message }]
  return c.json({ error: 'validation_failed', message: '输入有误，请按提示修改。', issues }, 422)
}

export const targetsAdmin: AdminResource = {
  name: 'targets',
  description: '方案主要目标：各目标进展（企业档案自动统计或工作人员登记）、逐月走势、登记进展和月调度报告数据。',
  routes(api, deps) {
    api.openapi(listRoute, async (c) => c.json({ items: (await targetsOverview(deps.db)).map(toItem) }, 200))

    api.openapi(recordRoute, async (c) => (await record(c, deps, c.req.valid('json'))) as never)

    api.openapi(monthlyRoute, async (c) => {
      const now = deps.clock.now()
      const month = c.req.valid('query').month ?? shanghaiMonth(now)
      const data = await monthlyData(deps.db, now, month, { snapshot: false })
      return c.json(toMonthlyReport(data), 200)
    })
  },
}
