// The knowledge feature as one dependency (CoreDeps.knowledge): built once at start-up from the entries, swapped
// in place when staff edit knowledge/ (Node) — handlers always see a consistent index and classifier pair.
import type { CardModel } from '../../cards/model.ts'
import {
  type AnswerPart,
  answerPart,
  composeAnswer,
  composeAnswers,
  declineCardOf,
  type PolicyAnswer,
  sourceCardOf,
} from './answer.ts'
import { type Dictionary, emptyDictionary } from './dictionary.ts'
import { applyEdits, type EntryEdits } from './edits.ts'
import type { KnowledgeBase, KnowledgeEntry } from './entry.ts'
import { type Classification, createIntentClassifier, type IntentClassifier, type Searches } from './intent.ts'
import { createKnowledgeIndex, type KnowledgeIndex, namesDomainTerm, type SearchResult } from './knowledge-index.ts'
import { normalizeText } from './normalize.ts'
import { clauseEntries, clauseIdsOf, parsePlan } from './plan.ts'
import { splitQuestions } from './questions.ts'

/** Port: policy Q&A over the plan's knowledge base. */
export interface KnowledgeService {
  readonly entries: readonly KnowledgeEntry[]
  readonly dictionary: Dictionary
  get(id: string): KnowledgeEntry | undefined
  search(query: string, limit?: number): SearchResult
  /** Intent and best entries for a question (never throws; low confidence → out_of_scope). */
  classify(text: string): Classification
  /** Both searches behind a classification and their probabilities (calibration, debugging). */
  searches(text: string): Searches
  /** The answer card for a question from the given entries (ids, best first); null when none is known. */
  answer(question: string, entryIds: string[], options?: AnswerOptions): PolicyAnswer | null
  sourceCard(entryId: string): CardModel | null
  /** The text of the clauses these entries cite: what a phrasing of their answer may take figures from. */
  groundingFor(entryIds: string[]): string
  declineCard(classification: Pick<Classification, 'data'>): CardModel
  /** Replaces the knowledge base (after staff edit the files); in-flight requests finish on the old one. */
  reload(kb: Partial<KnowledgeBase> & Pick<KnowledgeBase, 'entries'>): void
  /** The knowledge base as loaded (knowledge/ or the bundle), before the edits made in the console. */
  readonly base: KnowledgeBase
  /** The console's edits now laid over the base. */
  readonly edits: EntryEdits
  /** The highest KnowledgeRevision id whose edits are applied (0: none yet). */
  readonly editVersion: number
  /** Lays the console's edits over the base and rebuilds the index (revisions.ts keeps them current). */
  applyEdits(edits: EntryEdits, version: number): void
  /** A separate service over the same base with these edits instead: what an edit would answer. */
  withEdits(edits: EntryEdits): KnowledgeService
}

declare module '../../deps.ts' {
  interface FeatureServices {
    /** Policy Q&A over knowledge/ (createKnowledgeService; loadKnowledgeService on Node, the bundle on Workers). */
    knowledge: KnowledgeService
  }
}

export interface AnswerOptions {
  /** Search scores of `entryIds` (from the classifier); searched again when absent. */
  scores?: number[]
  /** The optional LLM phrasing of the answer. */
  answerText?: string
}

interface State {
  dictionary: Dictionary
  index: KnowledgeIndex
  /** The plan's clauses as entries (absent without the plan's text). */
  clauses?: KnowledgeIndex
  plan?: string
  classifier: IntentClassifier
}

const build = (entries: KnowledgeEntry[], dictionary: Dictionary, plan: string | undefined): State => {
  const index = createKnowledgeIndex(entries, dictionary)
  const clauses = plan ? createKnowledgeIndex(clauseEntries(plan, entries), dictionary) : undefined
  return { dictionary, index, clauses, plan, classifier: createIntentClassifier(index, dictionary, { clauses }) }
}

/** Most questions one message is answered for. */
const MAX_PARTS = 3

export function createKnowledgeService(
  kb: Partial<KnowledgeBase> & Pick<KnowledgeBase, 'entries'>,
  initialEdits: EntryEdits = new Map(),
): KnowledgeService {
  let base: KnowledgeBase = { entries: kb.entries, dictionary: kb.dictionary ?? emptyDictionary(), plan: kb.plan }
  let edits = initialEdits
  let editVersion = 0
  const rebuild = () => build(applyEdits(base.entries, edits), base.dictionary, base.plan)
  let state = rebuild()
  const lookup = (id: string) => state.index.get(id) ?? state.clauses?.get(id)
  const wordsOf = (text: string) => state.index.tokenizer.tokenize(text, { query: true }).words

  /** Each question of a message that is answered on its own, by a different clause; null for fewer than two. */
  const answerSeveral = (question: string): PolicyAnswer | null => {
    const questions = splitQuestions(normalizeText(question))
    if (questions.length < 2) return null
    const parts: AnswerPart[] = []
    const cited = new Set<string>()
    for (const q of questions.slice(0, MAX_PARTS)) {
      const c = state.classifier.classify(q)
      // A piece naming nothing of the plan ("这回是不是又要我们多配人") leans on the rest: not a question of its own.
      const own = c.intent === 'policy_answer' && c.search !== undefined && namesDomainTerm(c.search)
      const entry = own ? lookup(c.data.entryIds[0] ?? '') : undefined
      if (!entry || cited.has(entry.id)) continue
      cited.add(entry.id)
      parts.push(answerPart(q, entry, state.dictionary, { words: wordsOf(q) }))
    }
    return parts.length > 1 ? composeAnswers(question, parts) : null
  }

  return {
    get entries() {
      return state.index.entries
    },
    get dictionary() {
      return state.dictionary
    },
    get: lookup,
    search: (query, limit) => state.index.search(query, limit),
    classify: (text) => state.classifier.classify(text),
    searches: (text) => state.classifier.searches(text),
    answer(question, entryIds, options = {}) {
      if (!options.answerText) {
        const several = answerSeveral(question)
        if (several) return several
      }
      const { index, dictionary } = state
      let scores = options.scores
      if (scores?.length !== entryIds.length) {
        const fromClauses = entryIds.some((id) => !index.get(id))
        const search = (fromClauses && state.clauses ? state.clauses : index).search(
          question,
          Math.max(entryIds.length, 3),
        )
        const scoreOf = new Map(search.hits.map((h) => [h.entry.id, h.score]))
        scores = entryIds.map((id) => scoreOf.get(id) ?? 0)
      }
      const hits = entryIds.flatMap((id, i) => {
        const entry = lookup(id)
        return entry ? [{ entry, score: scores[i]! }] : []
      })
      return composeAnswer({ question, hits, dictionary, answerText: options.answerText, words: wordsOf(question) })
    },
    sourceCard(entryId) {
      const entry = lookup(entryId)
      return entry ? sourceCardOf(entry) : null
    },
    declineCard: declineCardOf,
    groundingFor(entryIds) {
      const entries = entryIds.flatMap((id) => lookup(id) ?? [])
      const cited = new Set(entries.flatMap((e) => clauseIdsOf(e.section)))
      const within = (id: string) => cited.has(id) || [...cited].some((c) => c.endsWith('、') && id.startsWith(c))
      const texts = (state.plan ? parsePlan(state.plan) : []).filter((c) => within(c.id)).map((c) => c.text)
      // Without the plan's text, the entries' own quotes are all there is to check against.
      return (texts.length ? texts : entries.map((e) => e.source)).join('\n')
    },
    reload(next) {
      base = { entries: next.entries, dictionary: next.dictionary ?? base.dictionary, plan: next.plan ?? base.plan }
      state = rebuild()
    },
    get base() {
      return base
    },
    get edits() {
      return edits
    },
    get editVersion() {
      return editVersion
    },
    applyEdits(next, version) {
      edits = next
      editVersion = version
      state = rebuild()
    },
    withEdits: (next) => createKnowledgeService(base, next),
  }
}
