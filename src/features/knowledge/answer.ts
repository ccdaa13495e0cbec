// Turns retrieved entries into what the user sees: the answer card (the direct answer first, then the clause's
// answer, what the plan is silent on, the citation, next steps), one card for up to three questions asked at once,
// the citations for the HandlerResult, and the polite decline.
import type { Citation } from '../../bot/types.ts'
import type { CardModel } from '../../cards/model.ts'
import { declineCard, policyAnswerCard, policyAnswersCard, policySourceCard } from './cards.ts'
import type { Dictionary } from './dictionary.ts'
import { citeSource, type KnowledgeEntry, POLICY_NAME } from './entry.ts'
import { inventedFigures } from './figures.ts'
import type { Classification } from './intent.ts'
import { audienceNote, factsAsked, unansweredQuantityLabel, unstatedClaimLabel, unstatedFigureLabel } from './lead.ts'
import { isClauseEntry } from './plan.ts'
import { silentNote, silentTopics } from './silence.ts'

/**
 * Generic "not stated" labels a direct answer may well answer itself: a fact may list the parts or names asked for;
 * who may take part, or on what terms, is answered by a fact or by the audience note (who a measure is for).
 */
const ANSWERED_BY: Record<string, 'fact' | 'fact or audience'> = {
  具体构成: 'fact',
  具体名单: 'fact',
  适用范围: 'fact or audience',
  申报条件: 'fact or audience',
}
/** Other entries are mentioned only when they score almost as well as the best one. */
const RELATED_SHARE = 0.75
const QUESTION_MAX = 60
/** A clause of the plan is long: its sentences sharing most words with the question are shown, this many. */
const CLAUSE_SENTENCES = 2
const ORDINALS = ['一', '二', '三']

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
  /** The question's words (for picking a clause's sentences). */
  words?: string[]
}

/** One answered question: what the card shows for it. */
export interface AnswerPart {
  entry: KnowledgeEntry
  title: string
  lead: string
  answer: string
  silentNote: string
  silent: string[]
  citation: string
  /** Its citations: the entry's clause, then any other clause a fact quoted. */
  citations: Citation[]
}

/** The sentences of a clause that share most of the question's words, in the clause's order. */
function clauseExcerpt(text: string, words: string[]): string {
  const sentences = text.split(/(?<=。)/).filter((s) => s.trim())
  if (sentences.length <= CLAUSE_SENTENCES) return text
  const score = (s: string) => words.filter((w) => w.length > 1 && s.includes(w)).length
  const ranked = sentences.map((s, i) => ({ s, i, n: score(s) })).sort((a, b) => b.n - a.n || a.i - b.i)
  const picked = ranked.slice(0, CLAUSE_SENTENCES).sort((a, b) => a.i - b.i)
  return picked.map((p) => p.s).join('')
}

export function answerPart(
  question: string,
  entry: KnowledgeEntry,
  dictionary: Dictionary,
  options: { answerText?: string; words?: string[] } = {},
): AnswerPart {
  const clause = isClauseEntry(entry.id)
  const silent = silentTopics(question, entry, dictionary)
  const cited = `${entry.source}${entry.answer}`
  const figure = unstatedFigureLabel(question, cited)
  if (figure && !silent.includes(figure)) silent.unshift(figure)
  const claim = figure ? undefined : unstatedClaimLabel(question, cited)
  if (claim) silent.unshift(claim)
  const facts = factsAsked(question, entry, options.words)
  const audience = audienceNote(question, entry, dictionary)
  // A generic "not stated" the direct answer answers is dropped; what the entry itself says the plan is silent on
  // stays.
  const answered = (label: string) => {
    const by = ANSWERED_BY[label]
    if (!by || entry.silentOn.includes(label)) return false
    return facts.length > 0 || (by === 'fact or audience' && Boolean(audience))
  }
  const said = facts.map((f) => f.say).join('')
  const quantity = silent.length ? undefined : unansweredQuantityLabel(question, `${cited}${said}`)
  if (quantity) silent.push(quantity)
  const shown = silent.filter((label) => !answered(label))
  const note = silentNote(shown)
  // What was asked comes first: the fact, who it is for, or — when nothing stated answers it — that it is not stated.
  const leads = [...facts.map((f) => f.say), audience].filter(Boolean)
  // A fact quoted from another clause is what answered the question: that clause is cited first, the entry's after.
  const others = [...new Set(facts.flatMap((f) => (f.section && f.section !== entry.section ? [f.section] : [])))]
  const citations = [
    ...others.map((section) => ({ id: entry.id, source: `${POLICY_NAME}${section}`, title: entry.title })),
    citationOf(entry),
  ]
  const lead = leads.length ? leads.join('') : note
  return {
    entry,
    title: clause ? `方案原文 ${entry.section} ${entry.title}` : entry.title,
    lead,
    answer: options.answerText ?? (clause ? clauseExcerpt(entry.answer, options.words ?? []) : entry.answer),
    silentNote: leads.length ? note : '',
    silent: shown,
    citation: `依据：${POLICY_NAME}${[...others, entry.section].join('；')}`,
    citations,
  }
}

export function composeAnswer({ question, hits, dictionary, answerText, words }: ComposeInput): PolicyAnswer | null {
  const top = hits[0]
  if (!top) return null
  const entry = top.entry
  const part = answerPart(question, entry, dictionary, { answerText, words })
  // Related titles are not cited: one naming figures would show figures the citation does not hold.
  const related = hits
    .slice(1)
    .filter((h) => h.score >= top.score * RELATED_SHARE && !inventedFigures(h.entry.title, '').length)
  const card = policyAnswerCard({
    title: part.title,
    lead: part.lead,
    answer: part.answer,
    silentNote: part.silentNote,
    citation: part.citation,
    related: related.map((h) => ({ title: h.entry.title })),
    entry: entry.id,
    category: entry.category,
    question: [...question.trim()].slice(0, QUESTION_MAX).join(''),
  })
  return { entry, card, citations: part.citations, silent: part.silent }
}

/** Several questions in one message, each answered with its own citation, in one card. */
export function composeAnswers(question: string, parts: AnswerPart[]): PolicyAnswer {
  const first = parts[0]!
  const card = policyAnswersCard({
    parts: parts.map((p, i) => ({ ...p, n: ORDINALS[i] ?? String(i + 1) })),
    entry: first.entry.id,
    category: first.entry.category,
    question: [...question.trim()].slice(0, QUESTION_MAX).join(''),
  })
  return {
    entry: first.entry,
    card,
    citations: parts.flatMap((p) => p.citations),
    silent: parts.flatMap((p) => p.silent),
  }
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

/** Why a question is declined, in the asker's terms; `named` is the topic quoted, or undefined when not shown. */
function declineReason(reason: string | undefined, topic: string | undefined, named: string | undefined): string {
  const plan = '《瓯海区质量强企千百行动方案》'
  switch (reason) {
    case 'elsewhere':
      return `抱歉，${plan}是瓯海区的方案，不涉及${named ?? '事项'}的政策，我无法为您解答。`
    case 'off_task':
      return `抱歉，撰写文稿、标语或翻译等不属于我的服务范围，我只能解答${plan}中的政策和受理质量服务申请。`
    case 'procedure':
      return `抱歉，${named ?? '相关证书、许可或标准'}的申请、办理等事项不在${plan}的范围内，我无法为您解答。`
  }
  return topic
    ? `抱歉，您问的${named ?? '事项'}不在${plan}的范围内，我无法为您解答。`
    : `抱歉，我在${plan}中没有找到与您的问题直接相关的内容，为避免误导，暂不作答。`
}

export function declineCardOf(classification: Pick<Classification, 'data'>): CardModel {
  const { topic, reason } = classification.data
  // A topic naming a number (12315, 三倍赔偿) is not repeated: a reply shows no figure the plan does not hold.
  const named = topic && !/\d/.test(topic) && inventedFigures(topic, '').length === 0 ? `“${topic}”` : undefined
  return declineCard({
    reason: declineReason(reason, topic, named),
    topics: DECLINE_TOPICS,
    hint:
      reason === 'elsewhere'
        ? '其他地区的政策请咨询当地市场监管部门；如需质量方面的帮助，可以提交服务申请，由工作人员联系您。'
        : topic
          ? '相关业务请咨询对应主管部门；如需质量方面的帮助，可以提交服务申请，由工作人员联系您。'
          : '您可以换个说法再问，或提交服务申请，由工作人员为您解答。',
  })
}
