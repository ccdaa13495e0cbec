// The shapes of /admin/api/alerts: the draft body as callers send it (checked field by field, with the reasons staff
// read), and the list item and detail the API answers with. The OpenAPI document is drawn from these.
import { z } from '@hono/zod-openapi'
import { checkCreditCode } from '../enterprises/credit-code.ts'
import { ALERT_LEVELS, ALERT_SOURCES, type AlertDraft, parseDeadline } from './alert.schema.ts'

const names = (what: string) =>
  z
    .array(z.string().trim().min(1, `${what}不能为空字符串`).max(50))
    .max(100)
    .default([])

export const alertBody = z
  .object({
    title: z.string().trim().min(4, '标题需为 4～60 字').max(60, '标题需为 4～60 字').openapi({
      example: '童鞋抽查不合格风险提示',
    }),
    level: z.enum(ALERT_LEVELS, { message: '等级应为 一般、较重 或 严重' }),
    source: z.enum(ALERT_SOURCES, { message: `来源应为 ${ALERT_SOURCES.join('、')} 之一` }),
    audience: z
      .object({
        industries: names('行业'),
        products: names('产品'),
        towns: names('镇街'),
        creditCodes: z.array(z.string().max(40)).max(5000).default([]),
      })
      .openapi({ description: '不同项之间同时满足（AND），同一项内满足任一（OR）；creditCodes 列出的企业另行加入' }),
    action: z.string().trim().min(4, '请填写企业应采取的措施（至少 4 个字）').max(500, '措施不能超过 500 字'),
    receiptDue: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '格式为 YYYY-MM-DD（当天 23:59 截止）')
      .openapi({ example: '2026-12-31' }),
  })
  .openapi('AlertDraftInput')

type Issue = { path: string; message: string }

/** The checks zod cannot make alone: credit codes, a non-empty audience, a deadline after now. */
export function draftOf(
  body: z.infer<typeof alertBody>,
  now: Date,
): { ok: true; draft: AlertDraft } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = []
  const codes: string[] = []
  body.audience.creditCodes.forEach((raw, i) => {
    const check = checkCreditCode(raw)
    if (check.ok) codes.push(check.code)
    else issues.push({ path: `audience.creditCodes.${i}`, message: `统一社会信用代码有误（${check.problem}）` })
  })
  const a = body.audience
  if (a.industries.length + a.products.length + a.towns.length + a.creditCodes.length === 0) {
    issues.push({ path: 'audience', message: '请至少填写一项范围：行业、产品、镇街或企业信用代码' })
  }
  const due = parseDeadline(body.receiptDue, now)
  if (!due) issues.push({ path: 'receiptDue', message: '回执截止日期需为今天以后的日期' })
  if (issues.length || !due) return { ok: false, issues }
  const audience = { industries: a.industries, products: a.products, towns: a.towns, creditCodes: [...new Set(codes)] }
  const draft = { title: body.title, level: body.level, source: body.source, audience, action: body.action }
  return { ok: true, draft: { ...draft, receiptDue: due } }
}

export const alertItemSchema = z
  .object({
    id: z.number().int(),
    number: z.string().openapi({ example: 'YJ-3' }),
    title: z.string(),
    level: z.enum(ALERT_LEVELS),
    source: z.enum(ALERT_SOURCES),
    status: z.string(),
    statusLabel: z.string(),
    publisherId: z.number().int(),
    publisher: z.string().nullable(),
    version: z.number().int().openapi({ description: '每次状态变化加一；确认、审批时须提交所看到的版本' }),
    receiptDue: z.string(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    enterprises: z.number().int().openapi({ description: '已发出时：覆盖企业数' }),
    delivered: z.number().int(),
    acknowledged: z.number().int(),
    needsHelp: z.number().int(),
    silent: z.number().int(),
    receiptRate: z.number().int().nullable().openapi({ description: '已回执企业的百分比；未发出时为 null' }),
  })
  .openapi('Alert')

const counts = z.object({
  enterprises: z.number().int(),
  contacts: z.number().int(),
  groups: z.number().int(),
  staff: z.number().int(),
  leads: z.number().int(),
  unreachable: z.number().int(),
  unknownCodes: z.array(z.string()),
})

export const alertDetailSchema = alertItemSchema
  .extend({
    action: z.string(),
    audience: z.object({
      industries: z.array(z.string()),
      products: z.array(z.string()),
      towns: z.array(z.string()),
      creditCodes: z.array(z.string()),
    }),
    audienceText: z.string(),
    approvalDepartment: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    preview: counts.nullable().openapi({ description: '草稿和待审批时：此刻解析出的覆盖范围' }),
    receipts: z.array(
      z.object({
        enterpriseId: z.number().int(),
        enterprise: z.string().nullable(),
        creditCode: z.string().nullable(),
        receipt: z.string().nullable(),
        receiptLabel: z.string(),
        by: z.string().nullable(),
        at: z.string().nullable(),
        ticket: z.string().nullable(),
      }),
    ),
    helpTickets: z.array(z.object({ number: z.string(), status: z.string(), enterprise: z.string().nullable() })),
  })
  .openapi('AlertDetail')
