// "我们还能争取哪些奖/认证？": the programmes in rules/programmes.yaml the enterprise does not hold yet, closest
// first. Closeness only uses what the profile and the plan say: the next tier of an award already held, related
// honours already held, an industry the plan names. It never states application criteria.

import { formatDate } from '../enterprises/dates.ts'
import type { EnterpriseProfile } from '../enterprises/enterprise.schema.ts'
import { AWARD_LEVELS, type AwardLevel, honourLabel, levelLabel } from '../enterprises/honour-kinds.ts'
import { isCertificateValid } from './evidence.ts'
import type { Programme } from './rules.schema.ts'

export interface Suggestion {
  id: string
  title: string
  section: string
  policy: string
  category: string
  /** Why it is suggested at this place in the list, in plain Chinese. */
  reasons: string[]
  score: number
}

function holds(profile: EnterpriseProfile, kind: string, now: Date) {
  return (
    profile.honours.some((h) => h.kind === kind) ||
    profile.certificates.some((c) => c.kind === kind && isCertificateValid(c, now))
  )
}

function tieredSuggestion(p: Programme, profile: EnterpriseProfile): Suggestion | null {
  const held = profile.honours
    .filter((h) => h.kind === p.kind && h.level)
    .map((h) => AWARD_LEVELS.indexOf(h.level as AwardLevel))
  const top = held.length ? Math.max(...held) : -1
  const next = AWARD_LEVELS[top + 1]
  if (!next) return null
  const title = `${levelLabel(next)}${p.title}`
  const base = { id: p.id, title, section: p.section, policy: p.policy, category: p.category }
  if (top < 0) return { ...base, reasons: [`可从${levelLabel(next)}起步，按梯次培育逐级争创`], score: 0 }
  const current = levelLabel(AWARD_LEVELS[top]!)
  return { ...base, reasons: [`已获${current}${p.title}，可按梯次争创${levelLabel(next)}`], score: 3 }
}

export function findProgrammes(programmes: Programme[], profile: EnterpriseProfile, now: Date): Suggestion[] {
  const suggestions: Suggestion[] = []
  for (const p of programmes) {
    if (p.tiered) {
      const s = tieredSuggestion(p, profile)
      if (s) suggestions.push(s)
      continue
    }
    if (holds(profile, p.kind, now)) continue
    const reasons: string[] = []
    let score = 0
    const related = p.related.filter((kind) => holds(profile, kind, now))
    if (related.length) {
      reasons.push(`贵企业已有${related.map((k) => `“${honourLabel(k)}”`).join('、')}，基础较好`)
      score += 2 * related.length
    }
    if ((p.industries as string[]).includes(profile.industry) && p.industryReason) {
      reasons.push(p.industryReason)
      score += 1
    }
    const lapsed = profile.certificates.find((c) => c.kind === p.kind && c.expiresAt && !isCertificateValid(c, now))
    if (lapsed?.expiresAt) {
      reasons.push(`原证书已于 ${formatDate(lapsed.expiresAt)} 到期`)
      score += 2
    }
    suggestions.push({
      id: p.id,
      title: p.title,
      section: p.section,
      policy: p.policy,
      category: p.category,
      reasons,
      score,
    })
  }
  // Stable: equal scores keep the file's order (staff put the programmes in a sensible order there).
  return suggestions
    .map((s, i) => ({ s, i }))
    .sort((a, b) => b.s.score - a.s.score || a.i - b.i)
    .map(({ s }) => s)
}
