// 质量贷/标准贷 增信 evaluation and the finder's ordering, on hand-made profiles (pure functions).
import { expect, test } from 'vitest'
import { evaluateLoanRules } from '../../src/features/eligibility/evaluate.ts'
import { findProgrammes } from '../../src/features/eligibility/finder.ts'
import { bundledRules } from '../../src/features/eligibility/rules.bundle.ts'
import type { EnterpriseProfile } from '../../src/features/enterprises/enterprise.schema.ts'

const NOW = new Date('2026-11-24T02:00:00Z')
const { loan, programmes } = bundledRules()

const profile = (parts: Partial<EnterpriseProfile> = {}): EnterpriseProfile => ({
  id: 1,
  name: '测试企业（演示）',
  creditCode: '91330304MA2DEMX01A',
  industry: '锁具',
  size: null,
  town: null,
  dutyClasses: [],
  products: [],
  honours: [],
  certificates: [],
  ...parts,
})
const award = (level: '区' | '市' | '省' | '国家', year = 2023) => ({
  kind: 'gov_quality_award',
  level,
  year,
  title: `${level}级政府质量奖（演示）`,
})
const pinzibiao = (expiresAt: string) => ({
  kind: 'pinzibiao_certification',
  number: 'ZZB-演示-9',
  title: '品字标“浙江制造”认证证书（演示）',
  issuedAt: null,
  expiresAt: new Date(expiresAt),
})

test('an award of any level meets the 政府质量奖 criterion, with the award as evidence', () => {
  const result = evaluateLoanRules(loan, profile({ honours: [award('区')] }), NOW)
  expect(result.met.map((c) => c.id)).toEqual(['gov-quality-award'])
  expect(result.met[0]!.evidence).toEqual(['2023年区级政府质量奖：区级政府质量奖（演示）'])
  expect(result.unmet.map((c) => c.next.section)).toEqual(['三、(四)', '三、(二)'])
})

test('a valid 品字标 certificate counts with its number and expiry; an expired one does not', () => {
  const valid = evaluateLoanRules(loan, profile({ certificates: [pinzibiao('2028-03-31T00:00:00Z')] }), NOW)
  expect(valid.met[0]!.evidence[0]).toContain('证书编号 ZZB-演示-9，有效期至 2028-03-31')
  const expired = evaluateLoanRules(loan, profile({ certificates: [pinzibiao('2025-01-31T00:00:00Z')] }), NOW)
  expect(expired.met).toEqual([])
  expect(expired.criteria[2]!.lapsed[0]).toContain('已于 2025-01-31 到期')
})

test('nothing held: every criterion unmet, each with its path and section', () => {
  const result = evaluateLoanRules(loan, profile(), NOW)
  expect(result.met).toEqual([])
  expect(result.unmet.map((c) => c.next.section)).toEqual(['三、(一)', '三、(四)', '三、(二)'])
})

test('finder: the next award tier up comes first, and held programmes are left out', () => {
  const list = findProgrammes(programmes, profile({ honours: [award('区')] }), NOW)
  expect(list[0]).toMatchObject({ title: '市级政府质量奖', section: '三、(一)' })
  expect(list[0]!.reasons[0]).toContain('已获区级政府质量奖')
  const top = findProgrammes(programmes, profile({ honours: [award('市'), award('国家')] }), NOW)
  expect(top.find((s) => s.id === 'gov-quality-award')).toBeUndefined()
})

test('finder: 对标达标 brings 浙江制造标准 and 品字标 closer; industries the plan names move up', () => {
  const holder = profile({
    industry: '其他',
    honours: [{ kind: 'benchmarking', level: null, year: 2024, title: '对标达标' }],
  })
  const ids = findProgrammes(programmes, holder, NOW).map((s) => s.id)
  expect(ids.slice(0, 2)).toEqual(['pinzibiao', 'zhejiang-standard'])
  expect(ids).not.toContain('benchmarking')
  const glasses = findProgrammes(programmes, profile({ industry: '眼镜' }), NOW)
  expect(glasses[0]!.id).toBe('advanced-qms')
  expect(glasses[0]!.reasons[0]).toContain('眼镜行业')
})

test('finder: an expired certificate is suggested again, with the date it lapsed', () => {
  const list = findProgrammes(programmes, profile({ certificates: [pinzibiao('2025-01-31T00:00:00Z')] }), NOW)
  expect(list.find((s) => s.id === 'pinzibiao')?.reasons).toContain('原证书已于 2025-01-31 到期')
})

test('finder: every suggestion cites the plan and states no criteria of its own', () => {
  for (const s of findProgrammes(programmes, profile(), NOW)) {
    expect(s.section).toMatch(/^[一二三四]、/)
    expect(s.policy).toMatch(/^方案/)
  }
})
