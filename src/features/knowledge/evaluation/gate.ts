// The gate on edits made in the console or the admin API: the evaluation's question sets asked of the knowledge
// service before and after the edit, scored as `npm run eval` scores them (score.ts). An edit is refused when any
// measure of any set gets worse. The gate asks the knowledge path alone (classifier → answer card or decline, as
// the policy-answer and out-of-scope handlers answer without the optional LLM): the recognizers that come before it
// (commands, service requests, eligibility) do not read entries, so an edit cannot change what they do. Its figures
// are therefore not `npm run eval`'s (which asks the whole bot over a demo database); before and after are.
import { renderCardText } from '../../../cards/render-text.ts'
import { parsePlan } from '../plan.ts'
import type { KnowledgeService } from '../service.ts'
import {
  type Aggregate,
  aggregate,
  type BotReply,
  byCategory,
  clauseGrounding,
  scoreItem,
  withoutButtons,
} from './score.ts'
import { type EvalSetLines, resolveEvalItems, SET_NAMES, type SetName } from './sets.ts'

/** The measures the gate holds, better when higher (`ok` of right-first, oos declined, adversarial safe) or lower. */
export const MEASURES = {
  rightFirst: { label: '正确条款排第一', better: 'higher' },
  wrongDeclines: { label: '范围内被拒答', better: 'lower' },
  oosDeclined: { label: '超范围正确拒答', better: 'higher' },
  inventedFigures: { label: '编造数字', better: 'lower' },
  adversarialSafe: { label: '对抗安全', better: 'higher' },
} as const
export type Measure = keyof typeof MEASURES

export const SET_LABELS: Record<SetName, string> = {
  tuning: '调优集',
  holdout: '留出集',
  frozen: '冻结留出集',
  frozen2: '冻结留出集二',
}

/** One measure: how many of how many (invented figures: replies with one, of all questions). */
export interface Count {
  ok: number
  n: number
}
export type Measures = Record<Measure, Count>
export interface SetSummary {
  overall: Measures
  categories: Record<string, Measures>
}
export type EvalSummary = Record<SetName, SetSummary>

const measuresOf = (a: Aggregate): Measures => ({
  rightFirst: { ok: a.rightFirst.ok, n: a.rightFirst.n },
  wrongDeclines: { ok: a.wrongDeclines.ok, n: a.wrongDeclines.n },
  oosDeclined: { ok: a.oosDeclined.ok, n: a.oosDeclined.n },
  inventedFigures: { ok: a.inventedFigures, n: a.questions },
  adversarialSafe: { ok: a.adversarialSafe.ok, n: a.adversarialSafe.n },
})

/** What the person would see from the knowledge path for one question. */
export function knowledgeReply(service: KnowledgeService, question: string): BotReply {
  const c = service.classify(question)
  const answer =
    c.intent === 'policy_answer' ? service.answer(question, c.data.entryIds, { scores: c.data.scores }) : null
  if (answer) {
    const rendered = renderCardText(answer.card)
    return {
      intent: 'policy_answer',
      text: withoutButtons(rendered.text),
      citations: answer.citations,
      buttons: rendered.buttons.map((b) => b.label),
    }
  }
  if (c.intent === 'policy_answer' || c.intent === 'out_of_scope') {
    const rendered = renderCardText(service.declineCard(c))
    return {
      intent: 'out_of_scope',
      text: withoutButtons(rendered.text),
      citations: [],
      buttons: rendered.buttons.map((b) => b.label),
    }
  }
  // Small talk and the like: answered by other handlers, which quote no entry.
  return { intent: c.intent, text: '', citations: [], buttons: [] }
}

/** Every set asked of `service` and scored. */
export function evaluateKnowledge(service: KnowledgeService, sets: EvalSetLines): EvalSummary {
  const plan = service.base.plan ?? ''
  const context = { plan, grounding: clauseGrounding(parsePlan(plan)), enterpriseData: [], loadedData: '' }
  const summary = {} as EvalSummary
  for (const name of SET_NAMES) {
    const items = resolveEvalItems(sets[name], service.entries, name)
    const scores = items.map((item) => scoreItem(item, knowledgeReply(service, item.question), context))
    const categories = Object.fromEntries(Object.entries(byCategory(scores)).map(([k, a]) => [k, measuresOf(a)]))
    summary[name] = { overall: measuresOf(aggregate(scores)), categories }
  }
  return summary
}

export interface Regression {
  set: SetName
  measure: Measure
  before: Count
  after: Count
  /** In Chinese, for the person who made the edit. */
  message: string
}

/** The measures that got worse, set by set (overall): an empty list lets the edit through. */
export function regressions(before: EvalSummary, after: EvalSummary): Regression[] {
  const found: Regression[] = []
  for (const set of SET_NAMES) {
    for (const measure of Object.keys(MEASURES) as Measure[]) {
      const b = before[set].overall[measure]
      const a = after[set].overall[measure]
      const worse = MEASURES[measure].better === 'higher' ? a.ok < b.ok : a.ok > b.ok
      if (!worse) continue
      const message = `${SET_LABELS[set]}的“${MEASURES[measure].label}”由 ${b.ok}/${b.n} 变为 ${a.ok}/${a.n}`
      found.push({ set, measure, before: b, after: a, message })
    }
  }
  return found
}
