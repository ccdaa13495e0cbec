// Intent recognition for enterprise questions. Order matters: pleasantries and "what can you do" first, then
// topics the plan does not cover (cut out before searching, so 食品经营许可证 never matches 许可证 in 三、(九)),
// then requests for a person or a visit (ticket), then eligibility checks, and finally a policy search that must be
// confident — a weak match is declined rather than answered from an unrelated entry.
import type { RecognizedIntent } from '../../bot/handler.ts'
import { type Calibration, probability, shippedCalibration } from './decision.ts'
import { type CompiledPatterns, compilePatterns, type Dictionary } from './dictionary.ts'
import { figuresFirst } from './figures-first.ts'
import type { KnowledgeIndex, SearchResult } from './knowledge-index.ts'
import { clauseIdsOf } from './plan.ts'
import { askingClauses, askingSentences, focusOf, splitQuestions, withoutSelfStatements } from './questions.ts'
import { normalizeText } from './tokenizer.ts'

export const KNOWLEDGE_INTENTS = [
  'policy_answer',
  'eligibility',
  'ticket',
  'help',
  'smalltalk',
  'out_of_scope',
] as const
export type KnowledgeIntent = (typeof KNOWLEDGE_INTENTS)[number]

/** Ticket and eligibility requests only borrow the entry for context (category, programme), so less is enough. */
export const MIN_CONTEXT_CONFIDENCE = 0.3

export interface IntentData extends Record<string, unknown> {
  /** Best entries, most relevant first (empty when declined). */
  entryIds: string[]
  /** Their search scores (same order), so answering needs no second search. */
  scores?: number[]
  category?: string
  /**
   * out_of_scope: why — `topic` (a listed out-of-scope topic), `elsewhere` (another district's programme), `procedure`
   * (getting a certificate another body issues), `off_task` (writing or translating), `low_confidence`, `empty`.
   */
  reason?: string
  /** out_of_scope because of a listed topic: which one. */
  topic?: string
  /** Where the answer comes from: a curated entry, or (no entry being sure) a clause of the plan itself. */
  source?: 'entries' | 'clauses'
  /** low_confidence: what the searches found, best first (the optional LLM may choose among them). */
  candidates?: string[]
}

export interface Classification extends RecognizedIntent {
  intent: KnowledgeIntent
  data: IntentData
  search?: SearchResult
}

/** Both searches of a question, and what the decision weighs (for calibration and `ask --json`). */
export interface Searches {
  /** The question without the out-of-scope topics it names. */
  rest: string
  topics: string[]
  /** The clauses that ask, from the first that does: a topic only before them is the story. */
  asking: string
  entries: SearchResult
  clauses?: SearchResult
  /** Probability that answering from the best entry (clause) is right; 0 when off topic. */
  pEntries: number
  pClauses: number
  /** 1 when the best entry cites the best clause (or its chapter): see DECISION_SIGNALS. */
  agreement: number
}

/** Whether the best curated entry and the best clause speak of the same part of the plan. */
export function agreement(entries: SearchResult, clauses: SearchResult | undefined): number {
  const entry = entries.hits[0]?.entry
  const clause = clauses?.hits[0]?.entry
  if (!entry || !clause) return 0
  const cited = clauseIdsOf(entry.section)
  const near = (a: string, b: string) =>
    a === b || (a.endsWith('、') && b.startsWith(a)) || (b.endsWith('、') && a.startsWith(b))
  return clauseIdsOf(clause.section).some((c) => cited.some((e) => near(c, e))) ? 1 : 0
}

export interface IntentClassifier {
  classify(text: string): Classification
  searches(text: string): Searches
}

export interface ClassifierOptions {
  /** The plan's clauses, searched when no curated entry is sure. */
  clauses?: KnowledgeIndex
  calibration?: Calibration
}

/**
 * The other district or city whose own programme a question asks about ("鹿城区品字标奖励多少" → 鹿城区), if any. A
 * place after 在/从/到/是… says where the asker is ("公司注册在龙湾，品字标培育能算我们吗"): their story, not the subject;
 * and "上海有首席质量官补贴，瓯海有吗" asks about 瓯海, unless it compares the two (跟瓯海一样吗).
 */
function placesAsked(places: readonly string[]): (asked: string) => string | undefined {
  if (!places.length) return () => undefined
  const names = [...places].sort((a, b) => b.length - a.length).join('|')
  const re = new RegExp(`(?<![在从于到自是])(?:${names})(?:区|市|县|省)?`, 'u')
  const compares = /一样|相同|区别|不同|差别|(谁|哪个|哪边)(高|多|好|强)|比较|对比/
  return (asked) => (asked.includes('瓯海') && !compares.test(asked) ? undefined : re.exec(asked)?.[0])
}

/**
 * The certificate, licence or standard whose getting a question asks about ("CMA资质认定首次申请要准备啥" → cma), if
 * any: the plan names them only as a starting point or for risk warnings, never how to get one.
 */
function procedureAsked(procedures: Dictionary['procedures']): (asked: string, read: string) => string | undefined {
  const on = procedures.on.map(normalizeText).sort((a, b) => b.length - a.length)
  const asks = procedures.asks.map(normalizeText)
  return (asked, read) => {
    if (!asks.some((a) => asked.includes(a) || read.includes(a))) return undefined
    // As the asker wrote it (CMA), not as the English reading renamed it (实验室资质认定).
    const first = (text: string) =>
      on
        .map((o) => ({ o, at: text.indexOf(o) }))
        .filter((m) => m.at >= 0)
        .sort((a, b) => a.at - b.at)[0]?.o
    const name = first(asked) ?? first(read)
    return name && /^[a-z]+$/.test(name) ? name.toUpperCase() : name
  }
}

export function createIntentClassifier(
  index: KnowledgeIndex,
  dictionary: Dictionary,
  options: ClassifierOptions = {},
): IntentClassifier {
  const calibration = options.calibration ?? shippedCalibration()
  const patterns: CompiledPatterns = compilePatterns(dictionary)
  const outOfScope = [...new Set(dictionary.out_of_scope.map(normalizeText))].sort((a, b) => b.length - a.length)
  const any = (list: RegExp[], text: string) => list.some((re) => re.test(text))
  const elsewhere = placesAsked(dictionary.elsewhere)
  const procedure = procedureAsked(dictionary.procedures)

  const result = (intent: KnowledgeIntent, confidence: number, data: IntentData, search?: SearchResult) => ({
    intent,
    confidence,
    data,
    search,
  })

  // An out-of-scope topic in the question decides it, plan words or not (抽检不合格怎么复检 is about 复检), unless it
  // only qualifies a plan term (首席质量官有职称要求吗, 公司注册在龙湾…): then a real domain term counts (外卖平台 must
  // not match 服务平台), and not one that only names a kind of help (补贴 is 项目资金) or the asker's trade (眼镜店…).
  const qualifiers = new Set([...dictionary.qualifiers, ...dictionary.elsewhere].map(normalizeText))
  // A topic told in a clause before the one that asks ("环保局刚来查完排污，顺便问下有没有绿色认证的帮扶") is the story: a
  // specific plan term in the question then answers, as for a qualifier.
  const onTopic = (search: SearchResult, topics: string[], asked: string) =>
    search.hits.length > 0 &&
    (!topics.length ||
      (topics.every((t) => qualifiers.has(t) || !asked.includes(t)) &&
        search.domain.some((d) => !index.tokenizer.isBroad(d))))

  const searchOne = (text: string, topics: string[], asked: string): Searches => {
    const entries = index.search(text, 3)
    const clauses = options.clauses?.search(text, 3)
    const agree = agreement(entries, clauses)
    const on = (search: SearchResult) => onTopic(search, topics, asked)
    const pEntries = on(entries) ? probability(calibration.entries, [...entries.signals, agree]) : 0
    const pClauses = clauses && on(clauses) ? probability(calibration.clauses, [...clauses.signals, agree]) : 0
    return { rest: text, topics, asking: asked, entries, clauses, pEntries, pClauses, agreement: agree }
  }

  // A long message is also searched by its question alone (the preamble's words only dilute it): the surer wins.
  const searches = (text: string): Searches => {
    // Topics are named in Chinese or in English ("export license" → 出口许可).
    const read = index.tokenizer.inChinese(text)
    const named = outOfScope.filter((t) => read.includes(t))
    const rest = named.reduce((acc, t) => acc.split(t).join('，'), text)
    // A topic told in passing before the question (一批球阀被退货。…这个攻关怎么组织的？) is the story, not the question.
    // … unless the question itself names nothing of the plan (货款被拖欠了。…能不能帮我们追讨？): then it asks about the story.
    // Searched only when a named topic lies in the story: most questions name none.
    const asked = withoutSelfStatements(askingSentences(read))
    const inQuestion = named.filter((t) => asked.includes(t))
    const own = () =>
      index
        .search(asked, 1)
        .matched.some((w) => [...w].length > 1 && !index.tokenizer.isBroad(w) && !index.tokenizer.isNeutral(w))
    const topics = inQuestion.length < named.length && own() ? inQuestion : named
    const asking = askingClauses(asked)
    const whole = searchOne(rest, topics, asking)
    const focus = focusOf(rest)
    if (!focus) return whole
    const part = searchOne(focus, topics, asking)
    return {
      ...whole,
      ...(part.pEntries > whole.pEntries
        ? { entries: part.entries, pEntries: part.pEntries, rest: focus, agreement: part.agreement }
        : {}),
      ...(part.pClauses > whole.pClauses ? { clauses: part.clauses, pClauses: part.pClauses } : {}),
    }
  }

  return {
    searches: (raw) => searches(normalizeText(raw)),
    classify(raw) {
      const text = normalizeText(raw)
      const bare = text.replace(/[\p{P}\p{S}]/gu, '')
      if (!bare) return result('help', 1, { entryIds: [], reason: 'empty' })
      if (any(patterns.smalltalk, text)) return result('smalltalk', 1, { entryIds: [] })

      const asking = askingSentences(text)
      const place = elsewhere(asking)
      if (place) return result('out_of_scope', 0.9, { entryIds: [], reason: 'elsewhere', topic: place })
      // Named in Chinese or English (CMA, CCC certification); the English reading may rename it, so both are read.
      const certificate = procedure(asking, index.tokenizer.inChinese(asking))
      if (certificate) return result('out_of_scope', 0.9, { entryIds: [], reason: 'procedure', topic: certificate })

      let found = searches(text)
      const sure = (f: Searches) =>
        f.pEntries >= calibration.entries.threshold || (f.clauses && f.pClauses >= calibration.clauses.threshold)
      // Two questions in one message dilute each other: unsure of the whole, the first sure question answers.
      if (!sure(found) && !found.topics.length) {
        const parts = splitQuestions(text)
        const part = parts.length > 1 ? parts.map(searches).find(sure) : undefined
        if (part) found = part
      }
      const { topics } = found
      const fromEntries = found.pEntries >= calibration.entries.threshold
      const fromClauses = !fromEntries && found.clauses && found.pClauses >= calibration.clauses.threshold
      const search = fromClauses && found.clauses ? found.clauses : found.entries
      const ranked = figuresFirst(text, search)
      const ids = ranked.map((h) => h.entry.id)
      const scores = ranked.map((h) => h.score)
      const confident = fromEntries || Boolean(fromClauses)
      const source = fromClauses ? ('clauses' as const) : ('entries' as const)
      const on = onTopic(search, topics, found.asking)
      const entryIds = confident ? ids : []
      const contextIds = on && search.confidence >= MIN_CONTEXT_CONFIDENCE ? ids : []
      const withScores = (list: string[]) => (list.length ? scores : [])
      const category = search.hits[0] && contextIds.length ? search.hits[0].entry.category : undefined

      if (any(patterns.help, text) && !confident) return result('help', 0.9, { entryIds: [] })
      if (topics.length && !confident) {
        return result('out_of_scope', 0.9, { entryIds: [], reason: 'topic', topic: topics[0] }, search)
      }
      if (any(patterns.ticket, text)) {
        const data = { entryIds: contextIds, scores: withScores(contextIds), category: category ?? 'other' }
        return result('ticket', 0.8, data, search)
      }
      if (any(patterns.eligibility, text)) {
        return result('eligibility', 0.8, { entryIds: contextIds, scores: withScores(contextIds), category }, search)
      }
      const p = fromEntries ? found.pEntries : found.pClauses
      if (!confident) {
        const candidates = [...found.entries.hits, ...(found.clauses?.hits ?? [])].map((h) => h.entry.id)
        const data = { entryIds: [], reason: 'low_confidence', candidates: on ? candidates : [] }
        return result('out_of_scope', 1 - found.pEntries, data, search)
      }
      return result('policy_answer', p, { entryIds, scores, category, source }, search)
    },
  }
}
