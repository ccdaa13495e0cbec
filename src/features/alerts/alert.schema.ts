// What an alert is made of, as staff enter it (chat flow, Feishu form, later the admin API and imports): zod at the
// edge, one parser for the audience whatever the entry, and the deadline read as a date in Wenzhou.
import { z } from 'zod'
import { checkCreditCode } from '../enterprises/credit-code.ts'

export const ALERT_LEVELS = ['一般', '较重', '严重'] as const
export type AlertLevel = (typeof ALERT_LEVELS)[number]
export const ALERT_SOURCES = ['监督抽查', '风险监测', '认证风险', '缺陷产品召回', '其他'] as const
export type AlertSource = (typeof ALERT_SOURCES)[number]

/** Card colours by level: blue for 一般, orange for 较重, red for 严重. */
export const LEVEL_TONES: Record<AlertLevel, 'blue' | 'orange' | 'red'> = { 一般: 'blue', 较重: 'orange', 严重: 'red' }

/** The one-stop service category a 需要帮助 ticket is opened in, by the alert's source. */
export const HELP_CATEGORY: Record<AlertSource, string> = {
  监督抽查: 'quality_mgmt',
  风险监测: 'quality_mgmt',
  认证风险: 'certification',
  缺陷产品召回: 'quality_mgmt',
  其他: 'other',
}

/**
 * Who an alert is for. Kinds combine with AND (an enterprise must match every kind that is set), values within a
 * kind with OR (any of the industries); the explicit list of credit codes is added on top (those enterprises are in
 * whatever the other kinds say). At least one kind or one code is needed: there is no "everyone" by omission.
 */
export const audienceSchema = z
  .object({
    industries: z.array(z.string().trim().min(1)).default([]),
    products: z.array(z.string().trim().min(1)).default([]),
    towns: z.array(z.string().trim().min(1)).default([]),
    creditCodes: z.array(z.string()).default([]),
  })
  .refine((a) => a.industries.length + a.products.length + a.towns.length + a.creditCodes.length > 0, {
    message: 'empty audience',
  })
export type AudienceCriteria = z.infer<typeof audienceSchema>

export const alertDraftSchema = z.object({
  title: z.string().trim().min(4).max(60),
  level: z.enum(ALERT_LEVELS),
  source: z.enum(ALERT_SOURCES),
  audience: audienceSchema,
  action: z.string().trim().min(4).max(500),
  receiptDue: z.coerce.date(),
})
export type AlertDraft = z.infer<typeof alertDraftSchema>

const SPLIT = /[、,，;；\s]+/

/** "鞋服、眼镜" → ["鞋服", "眼镜"]; "无" or empty → []. */
export function splitList(text: string | undefined): string[] {
  const t = (text ?? '').trim()
  if (!t || /^(无|没有|不限|-)$/.test(t)) return []
  return [...new Set(t.split(SPLIT).filter(Boolean))]
}

export type CodesResult = { ok: true; codes: string[] } | { ok: false; bad: string[] }

/** Credit codes checked and normalised; the bad ones named so staff can correct them. */
export function parseCreditCodes(text: string | undefined): CodesResult {
  const codes: string[] = []
  const bad: string[] = []
  for (const raw of splitList(text)) {
    const check = checkCreditCode(raw)
    if (check.ok) codes.push(check.code)
    else bad.push(raw)
  }
  return bad.length ? { ok: false, bad } : { ok: true, codes: [...new Set(codes)] }
}

const LABELS: Record<string, keyof Omit<AudienceCriteria, 'creditCodes'> | 'creditCodes'> = {
  行业: 'industries',
  产品: 'products',
  镇街: 'towns',
  企业: 'creditCodes',
  信用代码: 'creditCodes',
}

/** "行业：鞋服 产品：皮鞋、童鞋 镇街：娄桥街道" (one chat answer) → the lists by kind, as text. */
export function parseAudienceText(text: string): Record<'industries' | 'products' | 'towns' | 'creditCodes', string> {
  const out = { industries: '', products: '', towns: '', creditCodes: '' }
  const pattern =
    /(行业|产品|镇街|企业|信用代码)\s*[:：=]\s*([^:：=]*?)(?=\s*(?:行业|产品|镇街|企业|信用代码)\s*[:：=]|$)/g
  for (const match of text.matchAll(pattern)) {
    const kind = LABELS[match[1]!]!
    out[kind] = `${out[kind]} ${match[2]!.trim()}`.trim()
  }
  return out
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000
const DAY_MS = 24 * 3600_000

/**
 * The receipt deadline: "2026-12-10" (end of that day in Wenzhou) or "3天" (end of the day three days from now).
 * Null when unreadable or not in the future.
 */
export function parseDeadline(text: string, now: Date): Date | null {
  const t = text.trim()
  const days = /^(\d{1,2})\s*天$/.exec(t)
  let day: string | null = null
  if (days) day = new Date(now.getTime() + SHANGHAI_OFFSET_MS + Number(days[1]) * DAY_MS).toISOString().slice(0, 10)
  const date = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t)
  if (date) day = `${date[1]}-${date[2]!.padStart(2, '0')}-${date[3]!.padStart(2, '0')}`
  if (!day) return null
  const end = new Date(`${day}T23:59:00+08:00`)
  return Number.isNaN(end.getTime()) || end <= now ? null : end
}

export const levelOf = (text: string): AlertLevel | null =>
  (ALERT_LEVELS as readonly string[]).includes(text.trim())
    ? (text.trim() as AlertLevel)
    : (ALERT_LEVELS[Number(text.trim()) - 1] ?? null)

export const sourceOf = (text: string): AlertSource | null =>
  (ALERT_SOURCES as readonly string[]).includes(text.trim())
    ? (text.trim() as AlertSource)
    : (ALERT_SOURCES[Number(text.trim()) - 1] ?? null)

export function describeAudience(a: AudienceCriteria): string {
  const parts = [
    a.industries.length ? `行业：${a.industries.join('、')}` : '',
    a.products.length ? `产品：${a.products.join('、')}` : '',
    a.towns.length ? `镇街：${a.towns.join('、')}` : '',
  ].filter(Boolean)
  const filters = parts.join('；')
  const listed = a.creditCodes.length ? `另指定企业 ${a.creditCodes.length} 家` : ''
  return [filters && `${filters}（同时满足）`, listed].filter(Boolean).join('；')
}
