// The eligibility and finder cards, each bound to the data its template takes, and the functions that fill them
// from an evaluation (or, for a contact who is not bound yet, from the rules alone).
import { z } from 'zod'
import awardFinderTemplate from '../../../cards/award-finder.json' with { type: 'json' }
import eligibilityTemplate from '../../../cards/eligibility.json' with { type: 'json' }
import { defineCard } from '../../cards/registry.ts'
import type { LoanEvaluation } from './evaluate.ts'
import type { Suggestion } from './finder.ts'
import type { LoanRules } from './rules.schema.ts'

export const POLICY_NAME = '《瓯海区质量强企千百行动方案》'
const step = z.object({ text: z.string(), section: z.string() })

export const eligibilityCard = defineCard(
  'eligibility',
  eligibilityTemplate,
  z.object({
    title: z.string().min(1),
    product: z.string().default(''),
    bound: z.boolean(),
    enterprise: z.string().default('尚未绑定企业'),
    summary: z.string().min(1),
    verdict: z.string().default(''),
    criteria: z.array(z.object({ mark: z.string(), label: z.string(), status: z.string(), detail: z.string() })),
    nextSteps: z.array(step),
    disclaimer: z.string().min(1),
    citation: z.string().min(1),
  }),
)

export const finderCard = defineCard(
  'award-finder',
  awardFinderTemplate,
  z.object({
    bound: z.boolean(),
    enterprise: z.string().default('尚未绑定企业'),
    intro: z.string().min(1),
    items: z.array(z.object({ title: z.string(), section: z.string(), reason: z.string(), policy: z.string() })),
    top: z.object({ title: z.string(), category: z.string() }).optional(),
    note: z.string().min(1),
    citation: z.string().min(1),
  }),
)

/** Optional second lines start with their own line break, so an empty one leaves no blank line. */
const lineBreakBefore = (text: string) => (text ? `\n${text}` : '')
const citation = (section: string) => `依据：${POLICY_NAME}${section}`

export function renderEligibility(
  rules: LoanRules,
  product: string | undefined,
  enterprise: string,
  evaluation: LoanEvaluation,
) {
  const met = evaluation.met.length
  const verdict = met
    ? `根据贵企业档案，已具备 ${met} 项方案所列的增信荣誉：${evaluation.met.map((c) => c.label.replace(/（.*）$/, '')).join('、')}。`
    : '根据贵企业档案，暂未查到方案所列的增信荣誉。如档案有遗漏，可申请服务由工作人员核实更新。'
  return eligibilityCard({
    title: rules.title,
    product,
    bound: true,
    enterprise,
    summary: rules.summary,
    verdict,
    criteria: evaluation.criteria.map((c) => ({
      mark: c.met ? '✅' : '⬜',
      label: c.label,
      status: c.met ? '已具备' : '暂未具备',
      detail: lineBreakBefore([...c.evidence, ...c.lapsed.map((l) => `（${l}，不计入）`)].join('；')),
    })),
    nextSteps: evaluation.unmet.map((c) => c.next),
    disclaimer: rules.disclaimer,
    citation: citation(rules.section),
  })
}

/** For someone not bound to an enterprise: what the plan counts as 增信, and how to get a personal check. */
export function renderEligibilityUnbound(rules: LoanRules, product: string | undefined) {
  return eligibilityCard({
    title: rules.title,
    product,
    bound: false,
    summary: rules.summary,
    verdict: '绑定企业后，我可以对照贵企业的荣誉和证书逐项核对。',
    criteria: rules.criteria.map((c) => ({ mark: '·', label: c.label, status: '', detail: '' })),
    nextSteps: [],
    disclaimer: rules.disclaimer,
    citation: citation(rules.section),
  })
}

export function renderFinder(suggestions: Suggestion[], enterprise: string | null) {
  const top =
    enterprise && suggestions[0] ? { title: suggestions[0].title, category: suggestions[0].category } : undefined
  const sections = [...new Set(suggestions.map((s) => s.section))].join('、')
  return finderCard({
    bound: enterprise !== null,
    enterprise: enterprise ?? undefined,
    intro: enterprise
      ? '根据贵企业档案，以下是方案中提到、贵企业尚未获得的奖项和认证，越靠前的与贵企业现有基础越接近：'
      : '方案中提到的奖项、认证和培育项目如下。绑定企业后，我可以按贵企业已有的荣誉排出更接近的项目：',
    items: suggestions.map((s) => ({
      title: s.title,
      section: s.section,
      reason: lineBreakBefore(s.reasons.join('；')),
      policy: s.policy,
    })),
    top,
    note: '排序仅供参考；方案未规定各项目的申报条件和奖励标准，具体以主管部门发布的通知为准。',
    citation: `依据：${POLICY_NAME}${sections}`,
  })
}
