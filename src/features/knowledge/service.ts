// The knowledge feature as one dependency (CoreDeps.knowledge): built once at start-up from the entries, swapped
// in place when staff edit knowledge/ (Node) — handlers always see a consistent index and classifier pair.
import type { CardModel } from '../../cards/model.ts'
import { composeAnswer, declineCardOf, type PolicyAnswer, sourceCardOf } from './answer.ts'
import { type Dictionary, emptyDictionary } from './dictionary.ts'
import type { KnowledgeBase, KnowledgeEntry } from './entry.ts'
import { type Classification, createIntentClassifier, type IntentClassifier } from './intent.ts'
import { createKnowledgeIndex, type KnowledgeIndex, type SearchResult } from './knowledge-index.ts'

/** Port: policy Q&A over the plan's knowledge base. */
export interface KnowledgeService {
  readonly entries: readonly KnowledgeEntry[]
  readonly dictionary: Dictionary
  get(id: string): KnowledgeEntry | undefined
  search(query: string, limit?: number): SearchResult
  /** Intent and best entries for a question (never throws; low confidence → out_of_scope). */
  classify(text: string): Classification
  /** The answer card for a question from the given entries (ids, best first); null when none is known. */
  answer(question: string, entryIds: string[], options?: AnswerOptions): PolicyAnswer | null
  sourceCard(entryId: string): CardModel | null
  declineCard(classification: Pick<Classification, 'data'>): CardModel
  /** Replaces the knowledge base (after staff edits); in-flight requests finish on the old one. */
  reload(kb: Partial<KnowledgeBase> & Pick<KnowledgeBase, 'entries'>): void
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
  classifier: IntentClassifier
}

const build = (entries: KnowledgeEntry[], dictionary: Dictionary): State => {
  const index = createKnowledgeIndex(entries, dictionary)
  return { dictionary, index, classifier: createIntentClassifier(index, dictionary) }
}

export function createKnowledgeService(kb: Partial<KnowledgeBase> & Pick<KnowledgeBase, 'entries'>): KnowledgeService {
  let state = build(kb.entries, kb.dictionary ?? emptyDictionary())
  return {
    get entries() {
      return state.index.entries
    },
    get dictionary() {
      return state.dictionary
    },
    get: (id) => state.index.get(id),
    search: (query, limit) => state.index.search(query, limit),
    classify: (text) => state.classifier.classify(text),
    answer(question, entryIds, options = {}) {
      const { index, dictionary } = state
      let scores = options.scores
      if (scores?.length !== entryIds.length) {
        const search = index.search(question, Math.max(entryIds.length, 3))
        const scoreOf = new Map(search.hits.map((h) => [h.entry.id, h.score]))
        scores = entryIds.map((id) => scoreOf.get(id) ?? 0)
      }
      const hits = entryIds.flatMap((id, i) => {
        const entry = index.get(id)
        return entry ? [{ entry, score: scores[i]! }] : []
      })
      return composeAnswer({ question, hits, dictionary, answerText: options.answerText })
    },
    sourceCard(entryId) {
      const entry = state.index.get(entryId)
      return entry ? sourceCardOf(entry) : null
    },
    declineCard: declineCardOf,
    reload(next) {
      state = build(next.entries, next.dictionary ?? state.dictionary)
    },
  }
}
