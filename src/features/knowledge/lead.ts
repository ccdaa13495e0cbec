// The direct answer that opens a reply, before the clause: the fact asked for (几级 → 四级：国家、省、市、县), who a
// measure is for when the question names someone else (an eyewear action asked about by a clothing firm), and what
// the plan does not state when that is what was asked (补多少 → 方案未明确具体金额).
import type { Dictionary } from './dictionary.ts'
import type { Fact, KnowledgeEntry } from './entry.ts'
import { inventedFigures } from './figures.ts'
import { normalizeText } from './normalize.ts'

/**
 * The facts of `entry` the question asks for: a cue in its text, or among its search words (which read typos as
 * the term meant: 三个医号工程 → 一号工程).
 */
export function factsAsked(question: string, entry: KnowledgeEntry, words: readonly string[] = []): Fact[] {
  const text = normalizeText(question)
  const asks = (cue: string) => text.includes(normalizeText(cue)) || words.includes(normalizeText(cue))
  return (entry.facts ?? []).filter((f) => f.ask.some(asks))
}

/** Who the measure is for, when the question names a sector: theirs (yes) or another (the plan names only …). */
export function audienceNote(question: string, entry: KnowledgeEntry, dictionary: Dictionary): string {
  const audience = entry.audience
  if (!audience) return ''
  const text = normalizeText(question)
  const theirs = (word: string) => audience.terms.some((t) => normalizeText(t).includes(normalizeText(word)))
  // "我们做服装的，能参加眼镜行业那个行动吗" names both: the asker's own trade is the other one.
  const other = dictionary.sectors.find((s) => !theirs(s) && text.includes(normalizeText(s)))
  if (other) return `方案中这项工作面向${audience.who}，没有写明适用于其他行业。`
  return audience.terms.some((t) => text.includes(normalizeText(t))) ? `这项工作面向${audience.who}。` : ''
}

/**
 * A figure in the question the cited text does not contain ("听说奖励50万是真的吗"): the plan states no such figure,
 * so the reply says which kind of figure is not stated — and never repeats the figure.
 */
export function unstatedFigureLabel(question: string, grounding: string): string | undefined {
  // Amounts, shares and dates; a bare 三个 in "哪三个" is a way of asking, not a claim.
  // 3C, ISO9001 and 12315 are names, not figures.
  const named = normalizeText(question).replace(/[a-z]+\d+[a-z\d]*|\d+[a-z]+[a-z\d]*|\d{5,}/g, '')
  const figures = inventedFigures(named, grounding).filter((f) => /\d|万|元|%/.test(f))
  if (!figures.length) return undefined
  const text = normalizeText(question)
  if (/[%％]|折|比例/.test(text)) return '具体比例'
  if (/万|元|块|钱|奖金|补|奖励|资金/.test(text)) return '具体金额'
  if (/月|日|号|年|天|时间/.test(text)) return '具体时间'
  if (/家|项|个|名/.test(text)) return '该数字'
  return '具体数字'
}

const NUMERAL_CLASS = '[\\d零〇一二两三四五六七八九十百千万半]'
/** What a rumour's answer says in place of a label: the plan holds no such statement. */
export const UNSTATED_CLAIM = '这一说法'
const HEARSAY =
  /听说|听人说|有人说|有人讲|群里(?:说|讲|传|发)|据说|传言|传闻|同行说|别人说|外面说|是真的吗|真的假的|是不是真的|靠谱吗|有这回事|有这事|属实吗|可信吗|是这样吗/
/**
 * What makes a rumour a claim: a figure (三年内, 五折 — in any numerals) or an absolute promise or threat. Softer words
 * (不再, 必须) often paraphrase what the plan does say (抽查不重复, 配备质量安全总监), so they are not claims.
 */
const ASSERTS = new RegExp(
  `${NUMERAL_CLASS}+\\s*(?:年|个月|天|折|成|倍|万|元|块|家|次|%|％)|免于|免检|免抽|免费|全免|全部|全额|包过|保证|取消|吊销|罚款|直接(?:给|发|奖|列|评)|自动`,
  'gu',
)

/**
 * A rumour (听说拿了品字标三年内免于抽查，真的假的) whose figure or promise the cited text does not hold: the answer
 * says the plan holds no such statement, rather than quote a clause as if it confirmed it. Figures the question
 * names in digits are told by unstatedFigureLabel.
 */
export function unstatedClaimLabel(question: string, cited: string): string | undefined {
  const text = normalizeText(question)
  if (!HEARSAY.test(text)) return undefined
  const grounding = normalizeText(cited)
  const claims = [...text.matchAll(ASSERTS)].map((m) => m[0])
  return claims.some((c) => !grounding.includes(c)) ? UNSTATED_CLAIM : undefined
}

// 好几万 and 十几家 tell, they do not ask; 几乎 is no number at all.
const ASKS_QUANTITY = /(?<![好十没])(?:多少|几(?!乎))个?([\u4e00-\u9fa5]?)/
const ASKS_HOW_LONG = /多久|多长时间|多少天|几天|多快|多长周期/
const MONEY = /钱|费|万|元|补贴|补助|奖励|奖金|报销|资金|经费|价/
const NUMERAL = '[\\d零〇一二两三四五六七八九十百千万]+'

/**
 * A quantity asked for (培训多少学时, 展位费能报多少) that the cited text states none of: the plan is silent on it,
 * however the question is worded. Facts the entry gives answer their own questions and are checked first.
 */
export function unansweredQuantityLabel(question: string, cited: string): string | undefined {
  const text = normalizeText(question)
  // 多久推送一次, 多长时间能办好: a time or a frequency, which the plan never gives.
  if (ASKS_HOW_LONG.test(text))
    return /\d\s*(天|日|个月|年|小时)|每(天|日|周|月|年)/.test(cited) ? undefined : '具体时间'
  const asked = ASKS_QUANTITY.exec(text)
  if (!asked) return undefined
  if (MONEY.test(text)) return /\d\s*(万|元)/.test(cited) ? undefined : '具体金额'
  const unit = asked[1]
  // A numbered list ((一) … (九)) answers "几项/几个方面" by itself.
  const listed = (cited.match(/[(（][一二三四五六七八九十]+[)）]/g) ?? []).length > 1
  const stated = listed || (unit ? new RegExp(`${NUMERAL}\\s*${unit}`).test(cited) : /\d/.test(cited))
  return stated ? undefined : '具体数字'
}
