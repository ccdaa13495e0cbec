// The optional LLM against a fake OpenAI-compatible server on 127.0.0.1: the model only rephrases the retrieved
// entries, rewrites an unclear question for a second search, or picks one of the clauses found; citations,
// silent-on notes and declines stay the same, and a reply that invents a figure (or fails) falls back.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { dispatchMessage } from '../../src/bot/dispatcher.ts'
import { messageEventSchema } from '../../src/bot/types.ts'
import { renderCardText } from '../../src/cards/render-text.ts'
import { parseEnv } from '../../src/config/env.ts'
import { testCore } from '../helpers/core.ts'
import { realService } from './helpers.ts'

interface Seen {
  auth?: string
  body: { model: string; messages: { role: string; content: string }[] }
}
const seen: Seen[] = []
let reply: { status: number; content: string } = { status: 200, content: '' }
/** What the fake says when asked to rewrite a question or to choose a clause (by its system prompt). */
let rewrite = ''
let choice = ''
let server: Server
let core: Awaited<ReturnType<typeof testCore>>
let seq = 0

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk) => {
      raw += chunk
    })
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end()
        return
      }
      const body = JSON.parse(raw) as Seen['body']
      seen.push({ auth: req.headers.authorization, body })
      const system = body.messages[0]?.content ?? ''
      const content = system.includes('改写') ? rewrite : system.includes('编号') ? choice : reply.content
      res.writeHead(reply.status, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content } }] }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  core = await testCore()
  core.deps.knowledge = await realService()
  core.deps.config = parseEnv({
    LLM_BASE_URL: `http://127.0.0.1:${port}/v1`,
    LLM_API_KEY: 'k-test',
    LLM_MODEL: 'qwen-test',
  })
})
afterAll(async () => {
  await core.close()
  await new Promise((resolve) => server.close(resolve))
})
beforeEach(() => {
  seen.length = 0
  reply = { status: 200, content: '' }
  rewrite = ''
  choice = '0'
})

const ask = (text: string) =>
  dispatchMessage(
    core.deps,
    messageEventSchema.parse({
      kind: 'message',
      eventId: `llm-${++seq}`,
      platform: 'console',
      chat: { platform: 'console', chatId: 'local', chatType: 'p2p' },
      sender: { platform: 'console', userId: 'tester' },
      text,
      receivedAt: new Date(),
    }),
  )
const cardText = (result: Awaited<ReturnType<typeof ask>>) => {
  const body = result.replies?.[0]
  return body?.kind === 'card' ? renderCardText(body.card).text : ''
}

describe('LLM phrasing', () => {
  it('phrases from the retrieved entries only and keeps the citation and the silent-on note', async () => {
    reply = { status: 200, content: '可以关注“质量贷”“标准贷”：方案提出把政府质量奖等荣誉转化为融资增信。' }
    const result = await ask('质量贷利率多少')
    expect(seen).toHaveLength(1)
    expect(seen[0]!.auth).toBe('Bearer k-test')
    expect(seen[0]!.body.model).toBe('qwen-test')
    const prompt = seen[0]!.body.messages.map((m) => m.content).join('\n')
    expect(prompt).toContain('将政府质量奖、标准创新贡献奖、品牌认证等荣誉转化为融资“增信”')
    expect(prompt).toContain('问题：质量贷利率多少')
    const text = cardText(result)
    expect(text).toContain(reply.content)
    expect(text).toContain('方案未明确贷款利率')
    expect(result.citations?.[0]?.source).toBe('《瓯海区质量强企千百行动方案》四、(三)')
  })

  it('drops a reply that states a figure the sources do not contain', async () => {
    reply = { status: 200, content: '质量贷最高可贷500万元，年利率3.5%。' }
    const text = cardText(await ask('质量贷利率多少'))
    expect(text).not.toContain('500')
    expect(text).toContain('方案提出探索推广“质量贷”“标准贷”等金融政策')
  })

  it('falls back to the entry text when the endpoint fails', async () => {
    reply = { status: 500, content: '' }
    const text = cardText(await ask('三同是啥'))
    expect(text).toContain('鼓励、帮扶企业通过自我声明或第三方评价等方式满足“三同”要求')
  })

  it('is never asked about out-of-scope questions: the decline needs no model', async () => {
    const result = await ask('社保怎么交')
    expect(result.intent).toBe('out_of_scope')
    expect(seen).toHaveLength(0)
  })

  it('rejects a phrasing with a date or phone number the cited clause does not hold', async () => {
    reply = { status: 200, content: '三同工作请在2024年3月1日前拨打0577-88888888咨询。' }
    const text = cardText(await ask('三同是啥'))
    expect(text).not.toMatch(/2024|0577|8888/)
    expect(text).toContain('自我声明或第三方评价')
  })
})

describe('LLM search help, when the search alone is unsure', () => {
  const unsure = '测出来的数据总对不上怎么回事'

  it('declines without asking the model for a plain out-of-scope topic', async () => {
    rewrite = '计量服务'
    expect((await ask('个税怎么交')).intent).toBe('out_of_scope')
    expect(seen).toHaveLength(0)
  })

  it('searches again with the question in the plan words and answers from the clause, cited', async () => {
    rewrite = '计量技术服务依托哪些单位'
    const result = await ask(unsure)
    // The question is one the search alone declines (else this test would prove nothing).
    expect(seen.map((s) => s.body.messages[0]!.content).some((c) => c.includes('改写'))).toBe(true)
    expect(result.intent).toBe('policy_answer')
    expect(result.citations?.[0]?.source).toBe('《瓯海区质量强企千百行动方案》三、(五)')
    expect(cardText(result)).toContain('市计量院')
  })

  it('ignores a rewrite that adds a figure, and uses the clause the model picks by number', async () => {
    rewrite = '计量校准补贴500元'
    choice = '1'
    const result = await ask(unsure)
    expect(result.intent).toBe('policy_answer')
    const text = cardText(result)
    expect(text).not.toContain('500')
    expect(result.citations?.[0]?.source).toBe('《瓯海区质量强企千百行动方案》三、(五)')
  })

  it('still declines when the model finds no clause that answers', async () => {
    rewrite = ''
    choice = '0'
    const result = await ask(unsure)
    expect(result.intent).toBe('out_of_scope')
    expect(result.citations).toBeUndefined()
  })

  it('never shows a figure the model writes in place of a clause number', async () => {
    choice = '质量贷额度为500万元'
    const result = await ask(unsure)
    expect(result.intent).toBe('out_of_scope')
    expect(cardText(result)).not.toContain('500')
  })
})
