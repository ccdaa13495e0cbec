// "How many" questions want the entry that states the number. BM25 ranks by topic, so "品字标认证要培育几家" puts
// the 品字标 measures (三、(二), no figure) above the targets (二、(一): 10家以上). When the question asks for a count
// and a runner-up states a count of that kind about the words the question shares with the best hit, it goes first.
import type { SearchHit, SearchResult } from './knowledge-index.ts'

// 哪几家 asks which ones, not how many.
const ASKS_COUNT =
  /(多少|(?<!哪)几)(家|项|个|名|批)|多少(企业|标准|项目)|目标(是)?多少|指标|how many|(什么|哪些|啥)目标|目标(是什么|有哪些|是啥)|定了.{0,4}目标/
const QUOTES_COUNT = /\d+\s*(家|项|个)/
const UNIT_OF = /(家|项|个|名|批)/

const statesCount = (hit: SearchHit, unit: string | undefined) =>
  new RegExp(`\\d+\\s*${unit ?? '(家|项|个)'}`).test(hit.entry.answer)

/** The hits with the one that states the count asked for first (unchanged when the best already does). */
export function figuresFirst(question: string, search: SearchResult): SearchHit[] {
  const hits = search.hits
  // A chapter's summary (二、 主要目标) states every count; the item that states the one asked about, or the one
  // the question quotes (那10家品字标企业), is the answer.
  const summary = hits[0]?.entry.section.endsWith('、') === true
  const asks = ASKS_COUNT.test(question) || (summary && QUOTES_COUNT.test(question))
  if (hits.length < 2 || !asks) return hits
  const unit = UNIT_OF.exec(question.match(ASKS_COUNT)?.[0] ?? question.match(QUOTES_COUNT)?.[0] ?? '')?.[1]
  if (statesCount(hits[0]!, unit) && !summary) return hits
  const about = search.domain.length ? search.domain : search.matched
  const better = hits.find(
    (h, i) =>
      i > 0 &&
      !h.entry.section.endsWith('、') &&
      statesCount(h, unit) &&
      about.some((w) => h.entry.answer.includes(w) || h.entry.title.includes(w)),
  )
  return better ? [better, ...hits.filter((h) => h !== better)] : hits
}
