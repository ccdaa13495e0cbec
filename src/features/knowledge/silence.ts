// Finds what a question asks that the plan does not say (amounts, dates, phone numbers, criteria …), so the answer
// can state it plainly and offer a service ticket instead of guessing.
import type { Dictionary } from './dictionary.ts'
import type { KnowledgeEntry } from './entry.ts'
import { UNSTATED_CLAIM } from './lead.ts'
import { englishMapOf, inChinese } from './normalize.ts'
import { normalizeText } from './tokenizer.ts'

const normalizedCues = new WeakMap<Dictionary['silent_cues'], Map<string, string[]>>()
/** A label's cue phrases, the label first, normalised once per dictionary (every answer asks for them). */
function cuesOf(table: Dictionary['silent_cues'], label: string): string[] {
  let byLabel = normalizedCues.get(table)
  if (!byLabel) {
    byLabel = new Map()
    normalizedCues.set(table, byLabel)
  }
  const cached = byLabel.get(label)
  if (cached) return cached
  const cues = [label, ...(table[label] ?? [])].map(normalizeText)
  byLabel.set(label, cues)
  return cues
}

/**
 * Labels from the entry's `silent_on` (first) and the dictionary's `silent_always` whose cue phrases occur in the
 * question. A cue claimed by an entry label is not reused by a generic one (世界计量日是哪天 → 活动日期, not 申报时间).
 */
export function silentTopics(question: string, entry: KnowledgeEntry, dictionary: Dictionary): string[] {
  // English questions ask for amounts and deadlines too (subsidy amount → 奖励标准).
  const text = inChinese(question, englishMapOf(dictionary.english))
  const labels: string[] = []
  const used = new Set<string>()
  const consider = (label: string, claimed: boolean) => {
    if (labels.includes(label)) return
    const cues = cuesOf(dictionary.silent_cues, label)
    const hits = cues.filter((cue) => text.includes(cue))
    if (!hits.length || (!claimed && hits.every((cue) => used.has(cue)))) return
    labels.push(label)
    for (const cue of hits) used.add(cue)
  }
  for (const label of entry.silentOn) consider(label, true)
  for (const label of dictionary.silent_always) consider(label, false)
  return labels
}

/** The note for the labels; a rumour's claim (UNSTATED_CLAIM) is said to be absent from the plan, first. */
export function silentNote(labels: string[]): string {
  if (!labels.length) return ''
  const rest = labels.filter((l) => l !== UNSTATED_CLAIM)
  const said = [
    labels.includes(UNSTATED_CLAIM) ? '方案中没有写明这一说法' : '',
    rest.length ? `方案未明确${rest.join('、')}` : '',
  ].filter(Boolean)
  return `${said.join('，也')}，建议提交服务申请由工作人员为您解答。`
}
