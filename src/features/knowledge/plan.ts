// The plan itself (knowledge/source/policy.txt) as clauses: 一、 … 四、 and their (一) (二) … items, each with the
// id answers cite (`三、(五)`). What the bot falls back to when no curated entry is sure, and what the figure check
// grounds a reply in. Pure: works on the text, so Workers get it from the bundle.
import type { KnowledgeEntry } from './entry.ts'

export interface PlanClause {
  /** `三、(五)`, or `一、` for a chapter's own lead paragraph. */
  id: string
  /** `优化计量技术服务` (an item's first sentence, without its number), or the chapter heading. */
  title: string
  /** The clause as published (an item's whole paragraph; a chapter's heading and lead paragraph). */
  text: string
  /** The chapter heading (`重点任务`), for context in answers. */
  chapter: string
}

const CHAPTER = /^([一二三四五六七八九十]+)、(.+)$/
const ITEM = /^\(([一二三四五六七八九十]+)\)/

/** Every clause of the plan, in order. Lines before the first chapter and after the last item are not clauses. */
export function parsePlan(text: string): PlanClause[] {
  const clauses: PlanClause[] = []
  let chapter: PlanClause | undefined
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line) continue
    const heading = CHAPTER.exec(line)
    if (heading && line.length <= 20) {
      chapter = { id: `${heading[1]}、`, title: heading[2]!, text: line, chapter: heading[2]! }
      clauses.push(chapter)
      continue
    }
    if (!chapter) continue
    const item = ITEM.exec(line)
    if (item) {
      const body = line.slice(item[0].length)
      const title = body.split('。')[0]!
      clauses.push({ id: `${chapter.id}(${item[1]})`, title, text: line, chapter: chapter.title })
      continue
    }
    // The closing lines (issuer, date) follow the last item, which ends the clauses.
    if (clauses.at(-1) !== chapter) break
    chapter.text += `\n${line}`
  }
  return clauses
}

/**
 * The clause ids a citation names: `三、(四)；四、(三)` → both; `一、(一)(二)(三)` → the three items; `二、` → the
 * chapter. Used to compare a cited section with the clause a question is about.
 */
export function clauseIdsOf(section: string): string[] {
  const ids: string[] = []
  for (const part of section.split(/[；;，,、]\s*(?=[一二三四五六七八九十]+、)|[；;]/)) {
    const m = /^\s*([一二三四五六七八九十]+)、((?:\([一二三四五六七八九十]+\))*)/.exec(normalizeSection(part))
    if (!m) continue
    const items = m[2]!.match(/\([一二三四五六七八九十]+\)/g)
    if (!items) ids.push(`${m[1]}、`)
    else for (const item of items) ids.push(`${m[1]}、${item}`)
  }
  return ids
}

/** Full-width brackets and stray spaces as the plan writes them: `三、（五）` → `三、(五)`. */
export const normalizeSection = (section: string) => section.replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '')

/** Ids of clause entries start with this, so a card's 查看原文 or 👍 names the clause it answered from. */
export const CLAUSE_ENTRY_PREFIX = 'plan:'
export const isClauseEntry = (id: string) => id.startsWith(CLAUSE_ENTRY_PREFIX)

/**
 * Every clause as an entry, for the fallback index: the answer is the clause as published, cited by its id; the
 * category (for the 申请服务 button) is that of the first curated entry citing the clause.
 */
export function clauseEntries(plan: string, curated: readonly KnowledgeEntry[]): KnowledgeEntry[] {
  return parsePlan(plan)
    .filter((c) => c.text.length > c.title.length + 4)
    .map((c) => {
      // The item's own heading sentence (优化计量技术服务。) is its title, not its content.
      const body = c.text
        .replace(ITEM, '')
        .replace(/^[一二三四五六七八九十]+、[^\n]*\n?/, '')
        .replace(c.id.endsWith('、') ? '' : `${c.title}。`, '')
      const citing = curated.filter((e) => clauseIdsOf(e.section).includes(c.id))
      const category = citing[0]?.category ?? 'other'
      // The curated entries' facts that quote this clause answer from it too (几级 → 四级 …).
      const compact = (s: string) => s.replace(/[\s“”"'‘’]/g, '')
      const facts = citing
        .flatMap((e) => e.facts ?? [])
        .filter((f) => !f.section && compact(c.text).includes(compact(f.quote)))
      return {
        id: `${CLAUSE_ENTRY_PREFIX}${c.id}`,
        title: c.id.endsWith('、') ? c.title : `${c.title}（${c.chapter}）`,
        section: c.id,
        keywords: [],
        synonyms: [],
        category,
        silentOn: [],
        facts,
        answer: body,
        source: c.text,
        extra: '',
      }
    })
}
