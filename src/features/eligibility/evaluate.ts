// 质量贷/标准贷: checks an enterprise profile against the 增信 criteria in rules/quality-loan.yaml. Pure: the
// same profile, rules and date always give the same answer; what it means for a loan is the bank's decision.
import type { EnterpriseProfile } from '../enterprises/enterprise.schema.ts'
import { certificateEvidence, honourEvidence, isCertificateValid } from './evidence.ts'
import type { Criterion, LoanRules } from './rules.schema.ts'

export interface CriterionResult {
  id: string
  label: string
  met: boolean
  /** What in the profile meets it (award name, level and year; certificate number and expiry). */
  evidence: string[]
  /** Close but not counted, e.g. an expired certificate. */
  lapsed: string[]
  next: { text: string; section: string }
}

export interface LoanEvaluation {
  criteria: CriterionResult[]
  met: CriterionResult[]
  unmet: CriterionResult[]
}

export function evaluateCriterion(criterion: Criterion, profile: EnterpriseProfile, now: Date): CriterionResult {
  const honours = profile.honours.filter((h) => (criterion.honours as string[]).includes(h.kind))
  const certificates = profile.certificates.filter((c) => (criterion.certificates as string[]).includes(c.kind))
  const valid = certificates.filter((c) => isCertificateValid(c, now))
  const lapsed = certificates.filter((c) => !isCertificateValid(c, now))
  const evidence = [...honours.map(honourEvidence), ...valid.map((c) => certificateEvidence(c, now))]
  return {
    id: criterion.id,
    label: criterion.label,
    met: evidence.length > 0,
    evidence,
    lapsed: lapsed.map((c) => certificateEvidence(c, now)),
    next: criterion.next,
  }
}

export function evaluateLoanRules(rules: LoanRules, profile: EnterpriseProfile, now: Date): LoanEvaluation {
  const criteria = rules.criteria.map((c) => evaluateCriterion(c, profile, now))
  return { criteria, met: criteria.filter((c) => c.met), unmet: criteria.filter((c) => !c.met) }
}
