// Answers an eligibility question for a person: finds their enterprise, evaluates the rules, fills the card.
import type { HandlerResult } from '../../bot/handler.ts'
import type { Actor, Citation } from '../../bot/types.ts'
import type { CoreDeps } from '../../deps.ts'
import { findBoundEnterprise } from '../enterprises/enterprise.service.ts'
import { POLICY_NAME, renderEligibility, renderEligibilityUnbound, renderFinder } from './eligibility.cards.ts'
import { evaluateLoanRules } from './evaluate.ts'
import { findProgrammes, type Suggestion } from './finder.ts'
import type { EligibilityQuestion } from './question.ts'
import type { RulesBundle } from './rules.schema.ts'

const cite = (section: string, title: string): Citation => ({
  id: 'quality-loan',
  source: `${POLICY_NAME}${section}`,
  title,
})

export async function answerLoan(
  deps: CoreDeps,
  rules: RulesBundle,
  actor: Actor,
  question: EligibilityQuestion,
): Promise<HandlerResult> {
  const { loan } = rules
  const citations = [cite(loan.section, loan.title)]
  const enterprise = await findBoundEnterprise(deps.db, actor.platform, actor.userId)
  if (!enterprise) {
    const card = renderEligibilityUnbound(loan, question.product)
    return { intent: 'eligibility', citations, replies: [{ kind: 'card', card }] }
  }
  const evaluation = evaluateLoanRules(loan, enterprise, deps.clock.now())
  deps.log.info('eligibility evaluated', { enterpriseId: enterprise.id, met: evaluation.met.map((c) => c.id) })
  const card = renderEligibility(loan, question.product, enterprise.name, evaluation)
  return { intent: 'eligibility', citations, replies: [{ kind: 'card', card }] }
}

export async function answerFinder(deps: CoreDeps, rules: RulesBundle, actor: Actor): Promise<HandlerResult> {
  const enterprise = await findBoundEnterprise(deps.db, actor.platform, actor.userId)
  const suggestions: Suggestion[] = enterprise
    ? findProgrammes(rules.programmes, enterprise, deps.clock.now())
    : rules.programmes.map((p) => ({
        id: p.id,
        title: p.tiered ? `${p.title}（国家、省、市、区各级）` : p.title,
        section: p.section,
        policy: p.policy,
        category: p.category,
        reasons: [],
        score: 0,
      }))
  const citations = suggestions.map((s) => ({ ...cite(s.section, s.title), id: `programme:${s.id}` }))
  return {
    intent: 'eligibility',
    citations,
    replies: [{ kind: 'card', card: renderFinder(suggestions, enterprise?.name ?? null) }],
  }
}
