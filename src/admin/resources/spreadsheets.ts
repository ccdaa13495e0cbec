// Spreadsheets in and out through the API: import (a dry run unless ?apply=true), the template per kind, lists as
// CSV and the monthly report as .xlsx. The body of an import is the file itself (.xlsx, or CSV in UTF-8 or GBK).
import { createRoute, z } from '@hono/zod-openapi'
import { kindCsv, ticketsCsv } from '../../export/lists.ts'
import { isMonth, monthlyReport, monthlyReportWorkbook } from '../../export/monthly-report.ts'
import { type ReportSheet, sheetsFor } from '../../export/report-sheet.ts'
import { visibleTickets } from '../../features/tickets/ticket.admin-service.ts'
import type { ImportKind } from '../../import/kind.ts'
import { runImport } from '../../import/run.ts'
import { templateWorkbook } from '../../import/template.ts'
import { type AdminResource, bearer, errorResponses, notFoundResponse, requireAdmin } from '../kit.ts'

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const file = (type: string) => ({ content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } } })

const report = z
  .object({
    kind: z.string(),
    label: z.string(),
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    applied: z.boolean(),
    errors: z.array(z.object({ row: z.number().int(), column: z.string(), reason: z.string() })),
    changes: z.array(z.object({ row: z.number().int(), action: z.string(), subject: z.string(), label: z.string() })),
    notes: z.array(z.string()),
  })
  .openapi('ImportReport')

export function spreadsheetsResource(kinds: ImportKind[], sheets: readonly ReportSheet[] = []): AdminResource {
  const kindParam = z.object({
    kind: z.enum(kinds.map((k) => k.kind) as [string, ...string[]]).openapi({ param: { name: 'kind', in: 'path' } }),
  })
  const importRoute = createRoute({
    method: 'post',
    path: '/imports/{kind}',
    tags: ['spreadsheets'],
    summary: '导入表格：默认只预览（逐行说明将新增、更新的记录和错误）；apply=true 且无错误时一次性写入',
    security: bearer,
    request: {
      params: kindParam,
      query: z.object({ apply: z.enum(['true', 'false']).optional() }),
      body: { required: true, ...file('application/octet-stream') },
    },
    responses: {
      200: { description: '导入结果', content: { 'application/json': { schema: report } } },
      ...errorResponses,
    },
  })
  const templateRoute = createRoute({
    method: 'get',
    path: '/imports/{kind}/template',
    tags: ['spreadsheets'],
    summary: '下载导入模板（.xlsx）',
    security: bearer,
    request: { params: kindParam },
    responses: { 200: { description: '模板', ...file(XLSX) }, ...errorResponses },
  })
  const exportRoute = createRoute({
    method: 'get',
    path: '/exports/{list}',
    tags: ['spreadsheets'],
    summary: '导出列表为 CSV（企业、联系人、人员、标准、证书与导入模板同列，可直接导回；另有 tickets）',
    security: bearer,
    request: {
      params: z.object({
        list: z
          .enum(['tickets', ...kinds.map((k) => k.kind)] as [string, ...string[]])
          .openapi({ param: { name: 'list', in: 'path' } }),
      }),
    },
    responses: {
      200: { description: 'CSV（UTF-8，带 BOM）', ...file('text/csv') },
      ...errorResponses,
      ...notFoundResponse,
    },
  })
  const monthlyRoute = createRoute({
    method: 'get',
    path: '/reports/monthly',
    tags: ['spreadsheets'],
    summary: '月报（.xlsx）：工单按类别的受理、办结和时限达成情况，满意度',
    security: bearer,
    request: {
      query: z.object({
        month: z
          .string()
          .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '格式为 YYYY-MM')
          .openapi({ example: '2026-11' }),
      }),
    },
    responses: { 200: { description: '月报', ...file(XLSX) }, ...errorResponses },
  })

  return {
    name: 'spreadsheets',
    description:
      '表格导入导出：企业、联系人、人员、标准、证书的导入（先预览后写入）和模板，列表导出 CSV，月报导出 Excel。',
    routes(api, deps) {
      api.openapi(importRoute, async (c) => {
        requireAdmin(c)
        const kind = kinds.find((k) => k.kind === c.req.valid('param').kind)!
        const bytes = new Uint8Array(await c.req.arrayBuffer())
        const result = await runImport(deps, kind, bytes, {
          apply: c.req.valid('query').apply === 'true',
          who: c.get('principal'),
          via: c.get('via'),
        })
        return c.json(result, 200)
      })
      api.openapi(templateRoute, async (c) => {
        const kind = kinds.find((k) => k.kind === c.req.valid('param').kind)!
        return c.body(await templateWorkbook(kind), 200, attachment(`导入模板-${kind.label}.xlsx`, XLSX)) as never
      })
      api.openapi(exportRoute, async (c) => {
        const { list } = c.req.valid('param')
        const principal = c.get('principal')
        if (list !== 'tickets') requireAdmin(c)
        const kind = kinds.find((k) => k.kind === list)
        const csv = kind ? await kindCsv(deps.db, kind) : await ticketsCsv(deps.db, visibleTickets(principal))
        return c.body(csv, 200, attachment(`${kind?.label ?? '工单'}.csv`, 'text/csv; charset=utf-8')) as never
      })
      api.openapi(monthlyRoute, async (c) => {
        const { month } = c.req.valid('query')
        if (!isMonth(month)) throw new Error('unreachable: validated')
        const bytes = await monthlyReportWorkbook(
          await monthlyReport(deps.db, month),
          await sheetsFor(sheets, deps.db, month),
        )
        return c.body(bytes, 200, attachment(`月报-${month}.xlsx`, XLSX)) as never
      })
    },
  }
}

/** A download, with the Chinese file name encoded as RFC 6266 asks (and an ASCII fallback). */
export function attachment(name: string, type: string) {
  return {
    'content-type': type,
    'content-disposition': `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(name)}`,
  }
}
