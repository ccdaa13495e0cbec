// What an enterprise's record meets, rule by rule (pure): the 质量贷/标准贷 增信 criteria it meets (四、(三)), and
// each award or certification the finder knows that is one step away — the next tier of a government quality award
// it holds, or a programme whose related honours it already holds. Every item carries the evidence from the record
// and the plan's clause; `keys` say what was met, so a later card is sent only for something new.
import { evaluateLoanRules } from '../eligibility/evaluate.ts'
import { honourEvidence, isCertificateValid } from '../eligibility/evidence.ts'
import type { RulesBundle } from '../eligibility/rules.schema.ts'
import type { EnterpriseProfile } from '../enterprises/enterprise.schema.ts'
import { AWARD_LEVELS, type AwardLevel, honourLabel, levelLabel } from '../enterprises/honour-kinds.ts'

export interface RuleMatch {
  ruleId: string
  ruleVersion: number
  keys: string[]
  title: string
  /** One line per criterion: what it is and the evidence from the record. */
  lines: string[]
  clause: string
  note: string
  /** The one-stop service category 申请服务 opens. */
  category: string
}

export function matchRules(profile: EnterpriseProfile, rules: RulesBundle, now: Date): RuleMatch[] {
  const out: RuleMatch[] = []
  const { loan } = rules
  const evaluation = evaluateLoanRules(loan, profile, now)
  if (evaluation.met.length) {
    out.push({
      ruleId: `loan:${loan.id}`,
      ruleVersion: loan.version,
      keys: evaluation.met.map((c) => c.id),
      title: `“${loan.products.join('”“')}”增信荣誉`,
      lines: evaluation.met.map((c) => `· ${c.label}：${c.evidence.join('；')}`),
      clause: `方案${loan.section}：${loan.quote}`,
      note: loan.disclaimer,
      category: 'quality_loan',
    })
  }
  for (const p of rules.programmes) {
    const clause = `${p.section}　${p.policy}`
    const base = { ruleId: `programme:${p.id}`, ruleVersion: p.version, clause, category: p.category }
    if (p.tiered) {
      const held = profile.honours.filter((h) => h.kind === p.kind && h.level)
      const top = Math.max(-1, ...held.map((h) => AWARD_LEVELS.indexOf(h.level as AwardLevel)))
      const next = AWARD_LEVELS[top + 1]
      if (top < 0 || !next) continue
      const evidence = held.filter((h) => h.level === AWARD_LEVELS[top]).map(honourEvidence)
      out.push({
        ...base,
        keys: [`${p.id}:${next}`],
        title: `${levelLabel(next)}${p.title}（离下一级一步之遥）`,
        lines: [
          `· 已获${levelLabel(AWARD_LEVELS[top]!)}${p.title}：${evidence.join('；')}，可按梯次争创${levelLabel(next)}`,
        ],
        note: '方案未规定各级奖项的申报条件，具体以主管部门发布的通知为准。',
      })
      continue
    }
    const holds = (kind: string) =>
      profile.honours.some((h) => h.kind === kind) ||
      profile.certificates.some((c) => c.kind === kind && isCertificateValid(c, now))
    if (holds(p.kind)) continue
    const related = p.related.filter(holds)
    if (!related.length) continue
    const evidence = related.flatMap((kind) => profile.honours.filter((h) => h.kind === kind).map(honourEvidence))
    out.push({
      ...base,
      keys: [p.id],
      title: `${p.title}（已具备相关基础）`,
      lines: [
        `· 已有${related.map((k) => `“${honourLabel(k)}”`).join('、')}${evidence.length ? `：${evidence.join('；')}` : ''}`,
      ],
      note: '方案未规定该项目的申报条件，具体以主管部门发布的通知为准。',
    })
  }
  return out
}
