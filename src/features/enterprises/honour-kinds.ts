// The honours and certifications an enterprise can hold, as stable codes (stored in Honour.kind and
// Certificate.kind) with the Chinese names people read. Every kind is one the plan names; the section says where.
import { z } from 'zod'

export const HONOUR_KINDS = [
  'gov_quality_award',
  'standard_innovation_award',
  'pinzibiao_certification',
  'zhejiang_standard_led',
  'benchmarking',
  'green_product_cert',
  'advanced_qms',
  'measurement_mgmt_system',
  'chief_quality_officer',
] as const
export const honourKindSchema = z.enum(HONOUR_KINDS)
export type HonourKind = z.infer<typeof honourKindSchema>

export const HONOUR_LABELS: Record<HonourKind, string> = {
  gov_quality_award: '政府质量奖',
  standard_innovation_award: '标准创新贡献奖',
  pinzibiao_certification: '品字标“浙江制造”认证',
  zhejiang_standard_led: '主导制定“浙江制造”标准',
  benchmarking: '对标达标',
  green_product_cert: '绿色产品认证',
  advanced_qms: '先进质量管理体系',
  measurement_mgmt_system: '测量管理体系',
  chief_quality_officer: '首席质量官',
}

/** Tiers of the government quality award, lowest first (三、(一): 国家、省、市、区各级政府质量奖). */
export const AWARD_LEVELS = ['区', '市', '省', '国家'] as const
export const awardLevelSchema = z.enum(AWARD_LEVELS)
export type AwardLevel = z.infer<typeof awardLevelSchema>

export const levelLabel = (level: AwardLevel) => `${level}级`

/** A certificate's kind: one of the honour kinds it evidences, or `other` (e.g. an ISO 9001 certificate). */
export const certificateKindSchema = z.union([honourKindSchema, z.literal('other')])
export type CertificateKind = z.infer<typeof certificateKindSchema>

/** The plan's entry points for enterprises' duty check-ins (三、(九)): products under licence, CCC or mandatory standards. */
export const DUTY_CLASSES = ['许可证', '强制性认证', '强标'] as const
export const dutyClassSchema = z.enum(DUTY_CLASSES)
export type DutyClass = z.infer<typeof dutyClassSchema>

/** The duty roles an enterprise appoints under 三、(九). */
export const DUTY_ROLES = ['质量安全总监', '质量安全员'] as const
export const dutyRoleSchema = z.enum(DUTY_ROLES)
export type DutyRole = z.infer<typeof dutyRoleSchema>

export const INDUSTRIES = ['鞋服', '汽摩配', '锁具', '眼镜', '其他'] as const
export const industrySchema = z.enum(INDUSTRIES)
export type Industry = z.infer<typeof industrySchema>

export const ENTERPRISE_SIZES = ['大型', '中型', '小型', '微型'] as const

export function honourLabel(kind: string): string {
  return (HONOUR_LABELS as Record<string, string>)[kind] ?? kind
}
