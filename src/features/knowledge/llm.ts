// Optional (config.llm), through an OpenAI-compatible /chat/completions endpoint, in three bounded roles — never
// the source of a fact:
//  - rewrite an unclear question into the plan's words, used only to search again (the reply still comes from a
//    clause, and the rewrite is never shown);
//  - choose among the retrieved clauses by number (or none), when the search alone is unsure;
//  - phrase the answer from the cited clauses; a check rejects any number, date or phone number in the phrasing
//    that the cited clauses do not contain.
// Any failure or rejected reply falls back to what the bot does without a model: it never waits on or trusts it.
import type { CoreDeps } from '../../deps.ts'
import type { KnowledgeEntry } from './entry.ts'
import { inventedFigures } from './figures.ts'

export const LLM_TIMEOUT_MS = 8000
const MAX_ANSWER_CHARS = 400
const MAX_QUERY_CHARS = 60

const PHRASE = [
  '你是瓯海区市场监管局的“质量强企”政策服务助手。',
  '只能依据用户消息中给出的方案原文回答，用2到4句简体中文直接回答问题，语气礼貌、准确。',
  '不得编造任何金额、日期、电话、条件或名单；原文没有写明的，请说明“方案未明确”。不要使用Markdown标题。',
].join('')
const REWRITE = [
  '你帮助检索《瓯海区质量强企千百行动方案》。把企业联系人的问题改写成一句简短的简体中文检索语，',
  '使用方案里的说法（如“质量贷”“品字标”“计量”“对标达标”“一站式服务”）。只输出改写后的句子，不回答问题，不加任何数字。',
].join('')
const CHOOSE = [
  '下面是《瓯海区质量强企千百行动方案》的几段条款，每段前有编号。',
  '请判断哪一段能回答用户的问题，只输出该编号；如果都不能回答，只输出0。',
].join('')

type Deps = Pick<CoreDeps, 'config' | 'log'>
interface Message {
  role: 'system' | 'user'
  content: string
}

async function complete(deps: Deps, messages: Message[], fetchImpl: typeof fetch): Promise<string> {
  const llm = deps.config.llm
  if (!llm) throw new Error('no LLM configured')
  const response = await fetchImpl(`${llm.baseUrl.replace(/\/$/, '')}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(llm.apiKey ? { authorization: `Bearer ${llm.apiKey}` } : {}) },
    body: JSON.stringify({ model: llm.model, temperature: 0.2, messages }),
    signal: AbortSignal.timeout(LLM_TIMEOUT_MS),
  })
  if (!response.ok) throw new Error(`LLM answered HTTP ${response.status}`)
  const body = (await response.json()) as { choices?: { message?: { content?: unknown } }[] }
  const content = body.choices?.[0]?.message?.content
  return typeof content === 'string' ? content.trim() : ''
}

/**
 * The answer phrased from `entries`, or undefined. `grounding` is the text of the clauses the card cites: a
 * phrasing with any figure (amount, share, date, phone number) outside it is rejected.
 */
export async function phraseWithLlm(
  deps: Deps,
  question: string,
  entries: KnowledgeEntry[],
  grounding: string,
  fetchImpl: typeof fetch = fetch,
): Promise<string | undefined> {
  if (!deps.config.llm || !entries.length) return undefined
  const context = entries.map((e) => `【${e.title}】（${e.section}）\n${e.source}`).join('\n\n')
  try {
    const answer = await complete(
      deps,
      [
        { role: 'system', content: PHRASE },
        { role: 'user', content: `方案原文：\n${context}\n\n问题：${question}` },
      ],
      fetchImpl,
    )
    if (!answer || answer.length > MAX_ANSWER_CHARS) throw new Error('LLM answer empty or too long')
    const invented = inventedFigures(answer, grounding)
    if (invented.length) throw new Error(`LLM answer has figures not in the cited clauses: ${invented.join(', ')}`)
    return answer
  } catch (error) {
    deps.log.warn('llm phrasing skipped; using the entry text', { error })
    return undefined
  }
}

/** The question in the plan's words, for searching again; undefined when the model fails or adds figures. */
export async function rewriteWithLlm(
  deps: Deps,
  question: string,
  fetchImpl: typeof fetch = fetch,
): Promise<string | undefined> {
  if (!deps.config.llm) return undefined
  try {
    const query = await complete(
      deps,
      [
        { role: 'system', content: REWRITE },
        { role: 'user', content: question },
      ],
      fetchImpl,
    )
    if (!query || query.length > MAX_QUERY_CHARS) throw new Error('LLM rewrite empty or too long')
    // A figure the person did not write would steer the search (and the silent-on notes) with a made-up number.
    const invented = inventedFigures(query, question)
    if (invented.length) throw new Error(`LLM rewrite adds figures: ${invented.join(', ')}`)
    return query
  } catch (error) {
    deps.log.warn('llm rewrite skipped', { error })
    return undefined
  }
}

/** Which of `candidates` answers the question (its id), as the model judges; undefined for none or failure. */
export async function chooseWithLlm(
  deps: Deps,
  question: string,
  candidates: KnowledgeEntry[],
  fetchImpl: typeof fetch = fetch,
): Promise<string | undefined> {
  if (!deps.config.llm || !candidates.length) return undefined
  const list = candidates.map((e, i) => `${i + 1}. （${e.section}）${e.source}`).join('\n')
  try {
    const said = await complete(
      deps,
      [
        { role: 'system', content: CHOOSE },
        { role: 'user', content: `条款：\n${list}\n\n问题：${question}` },
      ],
      fetchImpl,
    )
    const n = /^\s*(\d+)\s*$/.exec(said)
    if (!n) throw new Error(`LLM choice is not a number: ${said.slice(0, 40)}`)
    return candidates[Number(n[1]) - 1]?.id
  } catch (error) {
    deps.log.warn('llm choice skipped', { error })
    return undefined
  }
}
