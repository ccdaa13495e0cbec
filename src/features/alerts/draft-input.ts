// The publisher's answers (form fields or chat answers, as text) → a checked draft, or what to correct.
import {
  type AlertDraft,
  alertDraftSchema,
  levelOf,
  parseCreditCodes,
  parseDeadline,
  sourceOf,
  splitList,
} from './alert.schema.ts'

export interface DraftText {
  title?: string
  level?: string
  source?: string
  industries?: string
  products?: string
  towns?: string
  creditCodes?: string
  action?: string
  due?: string
}

export type DraftResult = { ok: true; draft: AlertDraft } | { ok: false; message: string }

export function readDraft(input: DraftText, now: Date): DraftResult {
  const title = (input.title ?? '').trim()
  if (title.length < 4 || title.length > 60) return { ok: false, message: '预警标题需为 4～60 字。' }
  const level = levelOf(input.level ?? '')
  if (!level) return { ok: false, message: '请选择预警等级：一般、较重或严重。' }
  const source = sourceOf(input.source ?? '')
  if (!source) return { ok: false, message: '请选择信息来源。' }
  const codes = parseCreditCodes(input.creditCodes)
  if (!codes.ok) return { ok: false, message: `以下统一社会信用代码有误，请核对：${codes.bad.join('、')}` }
  const audience = {
    industries: splitList(input.industries),
    products: splitList(input.products),
    towns: splitList(input.towns),
    creditCodes: codes.codes,
  }
  if (audience.industries.length + audience.products.length + audience.towns.length + audience.creditCodes.length === 0)
    return { ok: false, message: '请至少填写一项范围：行业、产品、镇街或企业信用代码。' }
  const action = (input.action ?? '').trim()
  if (action.length < 4) return { ok: false, message: '请填写企业应采取的措施（至少 4 个字）。' }
  const due = parseDeadline(input.due ?? '', now)
  if (!due) return { ok: false, message: '回执截止日期需为今天以后的日期，如 2026-12-10，或填写“3天”。' }
  const parsed = alertDraftSchema.safeParse({
    title,
    level,
    source,
    audience,
    action: action.slice(0, 500),
    receiptDue: due,
  })
  return parsed.success ? { ok: true, draft: parsed.data } : { ok: false, message: '预警内容不完整，请检查后重试。' }
}
