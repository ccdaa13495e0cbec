// Turns retrieved entries into what the user sees: the answer card (direct answer, what the plan is silent on,
// citation, next steps), the citations for the HandlerResult, and the polite decline.
import type { Citation } from '../../bot/types.ts'
import type { CardModel } from '../../cards/model.ts'
import { declineCard, policyAnswerCard, policySourceCard } from './cards.ts'
import type { Dictionary } from './dictionary.ts'
import { citeSource, type KnowledgeEntry } from './entry.ts'
import type { Classification } from './intent.ts'
import { silentNote, silentTopics } from './silence.ts'

/** Other entries are mentioned only when they score almost as well as the best one. */
const RELATED_SHARE = 0.75
const QUESTION_MAX = 60

export interface PolicyAnswer {
  entry: KnowledgeEntry
  card: CardModel
  citations: Citation[]
  /** Labels of what the question asked that the plan does not state. */
  silent: string[]
}

export const citationOf = (entry: KnowledgeEntry): Citation => ({
  id: entry.id,
  source: citeSource(entry),
  title: entry.title,
})

export interface ComposeInput {
  question: string
  /** Retrieved entries with scores, best first. */
  hits: { entry: KnowledgeEntry; score: number }[]
  dictionary: Dictionary
  /** Replaces the entry's own answer (the optional LLM phrasing); must be drawn from the same entries. */
  answerText?: string
}

export function composeAnswer({ question, hits, dictionary, answerText }: ComposeInput): PolicyAnswer | null {
  const top = hits[0]
  if (!top) return null
  const entry = top.entry
  const silent = silentTopics(question, entry, dictionary)
  const related = hits.slice(1).filter((h) => h.score >= top.score * RELATED_SHARE)
  const card = policyAnswerCard({
    title: entry.title,
    answer: answerText ?? entry.answer,
    silentNote: silentNote(silent),
    citation: `依据：${citeSource(entry)}`,
    related: related.map((h) => ({ title: h.entry.title })),
    entry: entry.id,
    category: entry.category,
    question: [...question.trim()].slice(0, QUESTION_MAX).join(''),
  })
  return { entry, card, citations: [citationOf(entry)], silent }
}

export const sourceCardOf = (entry: KnowledgeEntry): CardModel =>
  policySourceCard({
    title: entry.title,
    source: entry.source,
    citation: `出处：${citeSource(entry)}`,
    category: entry.category,
  })

export const DECLINE_TOPICS = [
  '各级政府质量奖创奖服务、品字标“浙江制造”',
  '标准化创新、“浙江制造”标准、对标达标',
  '计量、检测认证、“三同”、绿色认证',
  '“质量贷”“标准贷”、检验检测费用减免',
  '质量基础设施“一站式”服务、质量管家',
]

export function declineCardOf(classification: Pick<Classification, 'data'>): CardModel {
  const topic = classification.data.topic
  const reason = topic
    ? `抱歉，您问的“${topic}”不在《瓯海区质量强企千百行动方案》的范围内，我无法为您解答。`
    : '抱歉，我在《瓯海区质量强企千百行动方案》中没有找到与您的问题直接相关的内容，为避免误导，暂不作答。'
  return declineCard({
    reason,
    topics: DECLINE_TOPICS,
    hint: topic
      ? '相关业务请咨询对应主管部门；如需质量方面的帮助，可以提交服务申请，由工作人员联系您。'
      : '您可以换个说法再问，或提交服务申请，由工作人员为您解答。',
  })
}
