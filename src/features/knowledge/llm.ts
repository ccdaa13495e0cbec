// Optional (config.llm): rephrases the answer from the retrieved entries only, through an OpenAI-compatible
// /chat/completions endpoint. Any failure, or a reply that adds a figure the entries do not contain, falls back
// to the entry's own answer — the bot never waits on or trusts the model for facts.
import type { CoreDeps } from '../../deps.ts'
import type { KnowledgeEntry } from './entry.ts'
import { inventedFigures } from './figures.ts'

export const LLM_TIMEOUT_MS = 8000
const MAX_ANSWER_CHARS = 400

const SYSTEM = [
  '你是瓯海区市场监管局的“质量强企”政策服务助手。',
  '只能依据用户消息中给出的方案原文回答，用2到4句简体中文直接回答问题，语气礼貌、准确。',
  '不得编造任何金额、日期、电话、条件或名单；原文没有写明的，请说明“方案未明确”。不要使用Markdown标题。',
].join('')

export async function phraseWithLlm(
  deps: Pick<CoreDeps, 'config' | 'log'>,
  question: string,
  entries: KnowledgeEntry[],
  fetchImpl: typeof fetch = fetch,
): Promise<string | undefined> {
  const llm = deps.config.llm
  if (!llm || !entries.length) return undefined
  const context = entries.map((e) => `【${e.title}】（${e.section}）\n${e.source}`).join('\n\n')
  try {
    const response = await fetchImpl(`${llm.baseUrl.replace(/\/$/, '')}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(llm.apiKey ? { authorization: `Bearer ${llm.apiKey}` } : {}) },
      body: JSON.stringify({
        model: llm.model,
        temperature: 0.2,
        messages: [
          { role: 'system', content: SYSTEM },
          { role: 'user', content: `方案原文：\n${context}\n\n问题：${question}` },
        ],
      }),
      signal: AbortSignal.timeout(LLM_TIMEOUT_MS),
    })
    if (!response.ok) throw new Error(`LLM answered HTTP ${response.status}`)
    const body = (await response.json()) as { choices?: { message?: { content?: unknown } }[] }
    const content = body.choices?.[0]?.message?.content
    const answer = typeof content === 'string' ? content.trim() : ''
    if (!answer || answer.length > MAX_ANSWER_CHARS) throw new Error('LLM answer empty or too long')
    const grounding = entries.map((e) => `${e.title}${e.answer}${e.source}`).join('')
    const invented = inventedFigures(answer, grounding)
    if (invented.length) throw new Error(`LLM answer has figures not in the sources: ${invented.join(', ')}`)
    return answer
  } catch (error) {
    deps.log.warn('llm phrasing skipped; using the entry text', { error })
    return undefined
  }
}
