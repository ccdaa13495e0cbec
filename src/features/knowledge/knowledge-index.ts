// The searchable knowledge base: BM25F over title, keywords, synonyms and body, with words and bigrams, plus a
// confidence that says how much of the question the best entry actually covers. Pure: build it, search it.
import { type Bm25Field, createBm25Index } from './bm25.ts'
import { type Dictionary, emptyDictionary } from './dictionary.ts'
import type { KnowledgeEntry } from './entry.ts'
import { createTokenizer, type Tokenizer } from './tokenizer.ts'

export const FIELDS: Bm25Field[] = [
  { name: 'title', weight: 3 },
  { name: 'keywords', weight: 3 },
  { name: 'synonyms', weight: 2.5 },
  { name: 'body', weight: 1 },
]
/** Bigrams only back words up: typos and unknown phrasings. */
const BIGRAM_WEIGHT = 0.3
/** Ask words (申请, 条件 …) say little about the topic. */
/** A broad term's weight next to a specific one. */
const QUALIFIER_WEIGHT = 0.7
const NEUTRAL_WEIGHT = 0.2
/** A word the index never saw counts against confidence, a stray single character much less. */
const UNKNOWN_CHAR_SHARE = 0.25
/**
 * A distinctive domain term (rare across entries) named in the best entry's title, keywords or synonyms is strong
 * evidence of the topic however the rest of the question is phrased (安全总监必须配吗): confidence is at least this.
 */
const STRONG_TERM_FLOOR = 0.6
const DISTINCTIVE_IDF_SHARE = 0.5

export interface SearchHit {
  entry: KnowledgeEntry
  score: number
}

export interface SearchResult {
  hits: SearchHit[]
  /** 0..1: the idf-weighted share of the question's words (or, for typos, bigrams) the top entry contains. */
  confidence: number
  /** Question words found in the top entry. */
  matched: string[]
  /** Of those, the domain terms (dictionary words, synonyms, entry keywords): evidence the question is on topic. */
  domain: string[]
  /** Question words after segmentation (for debugging and `ask --json`). */
  words: string[]
  /** What the decision to answer is learned from (SIGNALS names them; decision.ts weighs them). */
  signals: number[]
}

/** The search signals, in the order of SearchResult.signals. */
export const SIGNALS = [
  'headBigramCoverage',
  'strongTerm',
  'margin',
  'unknownShare',
  'domainShare',
  'hasDomain',
  'logScore',
  'knownCoverage',
] as const

/** Whether the question names any term of the domain (the hasDomain signal), whichever entry came first. */
export const namesDomainTerm = (search: SearchResult) => search.signals[SIGNALS.indexOf('hasDomain')] === 1

export interface KnowledgeIndex {
  readonly entries: readonly KnowledgeEntry[]
  readonly tokenizer: Tokenizer
  get(id: string): KnowledgeEntry | undefined
  search(query: string, limit?: number): SearchResult
}

const HEAD_FIELDS = ['title', 'keywords', 'synonyms']
const LATIN_WORD = /^[a-z][a-z0-9]*$/

/** Indices of the `k` highest positive scores, best first (ties: lower index first) — no full sort. */
export function topK(scores: Float64Array, k: number): number[] {
  const top: number[] = []
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!
    if (score <= 0 || (top.length === k && score <= scores[top[k - 1]!]!)) continue
    let at = top.length === k ? k - 1 : top.length
    while (at > 0 && scores[top[at - 1]!]! < score) {
      top[at] = top[at - 1]!
      at--
    }
    top[at] = i
  }
  return top
}

export function createKnowledgeIndex(
  entries: KnowledgeEntry[],
  dictionary: Dictionary = emptyDictionary(),
): KnowledgeIndex {
  const tokenizer = createTokenizer(
    dictionary,
    entries.flatMap((e) => [...e.keywords, ...e.synonyms]),
  )
  const terms = (text: string) => {
    const t = tokenizer.tokenize(text)
    return [...t.words, ...t.bigrams]
  }
  const bm25 = createBm25Index(
    entries.map((e) => ({
      fields: {
        title: terms(e.title),
        // One call per field: the separator ends every dictionary match and bigram run, so it equals one per item.
        keywords: terms(e.keywords.join('，')),
        synonyms: terms(e.synonyms.join('，')),
        // The quoted source repeats what the answer says at length: its words are indexed, its bigrams would add
        // most of the index's size and build time for little recall.
        body: [...terms(e.answer), ...tokenizer.tokenize(`${e.source}\n${e.extra}`).words],
      },
    })),
    FIELDS,
  )
  const byId = new Map(entries.map((e) => [e.id, e]))

  const weightOf = (term: string) => {
    const idf = bm25.idf(term)
    if (idf > 0) return idf
    return [...term].length > 1 ? bm25.maxIdf : bm25.maxIdf * UNKNOWN_CHAR_SHARE
  }

  // An English word the dictionary does not map and no entry contains ("does", "firm") says nothing the index could
  // use: it counts neither for nor against an entry, like an ask word.
  const ignorable = (term: string) => tokenizer.isNeutral(term) || (LATIN_WORD.test(term) && bm25.idf(term) === 0)

  const coverage = (doc: number, list: string[], fields?: string[], knownOnly = false) => {
    let total = 0
    let hit = 0
    for (const term of new Set(list)) {
      if (ignorable(term) || (knownOnly && bm25.idf(term) === 0)) continue
      const w = weightOf(term)
      total += w
      if (bm25.has(doc, term, fields)) hit += w
    }
    return total ? hit / total : 0
  }

  return {
    entries,
    tokenizer,
    get: (id) => byId.get(id),
    search(query, limit = 3) {
      const { words, bigrams } = tokenizer.tokenize(query, { query: true })
      const weights = new Map<string, number>()
      // Next to a specific term, a broad one mostly says who asks (我们小厂 → 中小微企业) or what kind of help.
      const specific = words.some((w) => tokenizer.isDomainTerm(w) && !tokenizer.isBroad(w))
      for (const w of words)
        weights.set(
          w,
          tokenizer.isNeutral(w) ? NEUTRAL_WEIGHT : specific && tokenizer.isBroad(w) ? QUALIFIER_WEIGHT : 1,
        )
      for (const g of bigrams) if (!weights.has(g)) weights.set(g, BIGRAM_WEIGHT)
      const scores = bm25.score(weights)
      const top = topK(scores, limit)
      const best = top[0]
      if (best === undefined)
        return { hits: [], confidence: 0, matched: [], domain: [], words, signals: SIGNALS.map(() => 0) }
      const usefulBigrams = bigrams.filter((g) => bm25.idf(g) > 0 || ![...g.slice(1)].every(tokenizer.isStopword))
      const matched = [...new Set(words)].filter((w) => bm25.has(best, w))
      const strong = matched.some(
        (w) =>
          tokenizer.isDomainTerm(w) &&
          bm25.has(best, w, HEAD_FIELDS) &&
          bm25.idf(w) >= DISTINCTIVE_IDF_SHARE * bm25.maxIdf,
      )
      const wordCoverage = coverage(best, words)
      const headBigrams = coverage(best, usefulBigrams, HEAD_FIELDS)
      const confidence = Math.max(wordCoverage, 0.8 * headBigrams, strong ? STRONG_TERM_FLOOR : 0)
      const domain = matched.filter(tokenizer.isDomainTerm)
      const asked = [...new Set(words)].filter((w) => !ignorable(w))
      const askedDomain = asked.filter(tokenizer.isDomainTerm)
      const unknown = asked.filter((w) => [...w].length > 1 && bm25.idf(w) === 0).length
      const second = top[1] === undefined ? 0 : scores[top[1]]!
      const signals = [
        headBigrams,
        strong ? 1 : 0,
        1 - second / scores[best]!,
        asked.length ? unknown / asked.length : 0,
        askedDomain.length ? domain.length / askedDomain.length : 0,
        askedDomain.length ? 1 : 0,
        Math.log1p(scores[best]!),
        // What the index understands of the question, however much colloquial padding (老是, 看看, 好几千) comes with
        // it: the padding itself is unknownShare's to weigh.
        coverage(best, words, undefined, true),
      ]
      return {
        hits: top.map((i) => ({ entry: entries[i]!, score: scores[i]! })),
        confidence,
        matched,
        domain,
        words,
        signals,
      }
    },
  }
}
