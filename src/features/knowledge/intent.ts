// Intent recognition for enterprise questions. Order matters: pleasantries and "what can you do" first, then
// topics the plan does not cover (cut out before searching, so 食品经营许可证 never matches 许可证 in 三、(九)),
// then requests for a person or a visit (ticket), then eligibility checks, and finally a policy search that must be
// confident — a weak match is declined rather than answered from an unrelated entry.
import type { RecognizedIntent } from '../../bot/handler.ts'
import { type CompiledPatterns, compilePatterns, type Dictionary } from './dictionary.ts'
import type { KnowledgeIndex, SearchResult } from './knowledge-index.ts'
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

/** Below this share of the question covered by the best entry, the bot declines. Tuned on test/eval/qa.jsonl. */
export const MIN_CONFIDENCE = 0.5
/** Ticket and eligibility requests only borrow the entry for context (category, programme), so less is enough. */
export const MIN_CONTEXT_CONFIDENCE = 0.3

export interface IntentData extends Record<string, unknown> {
  /** Best entries, most relevant first (empty when declined). */
  entryIds: string[]
  /** Their search scores (same order), so answering needs no second search. */
  scores?: number[]
  category?: string
  /** out_of_scope: why (`topic` = a listed out-of-scope topic, `low_confidence`, `empty`). */
  reason?: string
  /** out_of_scope because of a listed topic: which one. */
  topic?: string
}

export interface Classification extends RecognizedIntent {
  intent: KnowledgeIntent
  data: IntentData
  search?: SearchResult
}

export interface IntentClassifier {
  classify(text: string): Classification
}

export function createIntentClassifier(index: KnowledgeIndex, dictionary: Dictionary): IntentClassifier {
  const patterns: CompiledPatterns = compilePatterns(dictionary)
  const outOfScope = [...new Set(dictionary.out_of_scope.map(normalizeText))].sort((a, b) => b.length - a.length)
  const any = (list: RegExp[], text: string) => list.some((re) => re.test(text))

  const result = (intent: KnowledgeIntent, confidence: number, data: IntentData, search?: SearchResult) => ({
    intent,
    confidence,
    data,
    search,
  })

  return {
    classify(raw) {
      const text = normalizeText(raw)
      const bare = text.replace(/[\p{P}\p{S}]/gu, '')
      if (!bare) return result('help', 1, { entryIds: [], reason: 'empty' })
      if (any(patterns.smalltalk, text)) return result('smalltalk', 1, { entryIds: [] })

      const topics = outOfScope.filter((t) => text.includes(t))
      const rest = topics.reduce((acc, t) => acc.split(t).join('，'), text)
      const search = index.search(rest, 3)
      const ids = search.hits.map((h) => h.entry.id)
      const scores = search.hits.map((h) => h.score)
      // Next to an out-of-scope topic only a real domain term counts (外卖平台 must not match 服务平台).
      const onTopic = search.hits.length > 0 && (!topics.length || search.domain.length > 0)
      const confident = onTopic && search.confidence >= MIN_CONFIDENCE
      const entryIds = confident ? ids : []
      const contextIds = onTopic && search.confidence >= MIN_CONTEXT_CONFIDENCE ? ids : []
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
      if (!confident)
        return result('out_of_scope', 1 - search.confidence, { entryIds: [], reason: 'low_confidence' }, search)
      return result('policy_answer', search.confidence, { entryIds, scores, category }, search)
    },
  }
}
