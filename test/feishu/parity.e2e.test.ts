// The same question gets the same answer on every platform: a bound contact asks over Feishu (signed, encrypted
// events through the real server to the fake Feishu) and over the console; the cards must match in title, text
// and citation — one core, thin adapters.
import { beforeAll, expect, test } from 'vitest'
import { loadContactFile } from '../../src/features/enterprises/contact.repo.ts'
import { createConsolePort } from '../../src/platforms/console/port.ts'
import { createConsoleSession } from '../../src/platforms/console/receive.ts'
import { addPort } from '../../src/runtime/core.ts'
import { DEMO, seedDemo } from '../enterprises/harness.ts'
import { FAKE_ENCRYPT_KEY, feishuRequest, messageEvent } from '../fakes/feishu/events.ts'
import { withFeishu } from '../helpers/feishu.ts'
import { waitFor } from '../helpers/server.ts'

const feishu = withFeishu({ once: true })
let consoleSay: (text: string) => ReturnType<ReturnType<typeof createConsoleSession>['say']>

beforeAll(async () => {
  await seedDemo(feishu.server.deps.db)
  const contacts = [
    { platform: 'feishu', userId: 'ou_parity', name: '张经理', creditCode: DEMO.shoes },
    { platform: 'console', userId: 'parity-boss', name: '张经理', creditCode: DEMO.shoes },
  ]
  await loadContactFile(feishu.server.deps.db, { contacts }, new Date())
  const port = createConsolePort()
  addPort(feishu.server.deps, port)
  const session = createConsoleSession(feishu.server.deps, port.inbox, { userId: 'parity-boss' })
  consoleSay = session.say
})

const replies = () => feishu.fake.messages().filter((c) => c.path.startsWith('/open-apis/im/v1/messages'))

async function overFeishu(text: string): Promise<unknown> {
  const before = replies().length
  const event = messageEvent({ chatType: 'p2p', chatId: 'oc_p2p_parity', senderOpenId: 'ou_parity', text })
  const request = feishuRequest(event, { encryptKey: FAKE_ENCRYPT_KEY })
  const res = await fetch(`${feishu.server.url}/webhooks/feishu/events`, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  })
  expect(res.status).toBe(200)
  await waitFor(() => replies().length > before, 5000, 'a Feishu reply')
  const reply = replies()[before]!
  expect(reply.body.msg_type).toBe('interactive')
  return JSON.parse(reply.body.content as string)
}

/** Every piece of text a Feishu card 2.0 shows. */
function feishuTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) feishuTexts(item, out)
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'content' && typeof value === 'string') out.push(value)
      else feishuTexts(value, out)
    }
  }
  return out
}

test.each([
  ['policy answer', '品字标浙江制造认证有什么扶持？'],
  ['what the policy does not say', '质量奖有奖金吗，多少钱'],
  ['out of scope', '今天天气怎么样'],
  ['standards', '鞋类有哪些浙江制造标准'],
  ['award finder', '我们还能争取哪些奖'],
  ['loan eligibility', '我们能办质量贷吗'],
])('%s: Feishu and the console give the same card', async (_, question) => {
  const turn = await consoleSay(question)
  const card = turn.cards[0]!
  const feishuCard = (await overFeishu(question)) as { header: { title: { content: string } } }
  expect(feishuCard.header.title.content).toBe(card.title)
  const shown = feishuTexts(feishuCard).join('\n')
  for (const block of card.blocks) {
    if (block.type === 'markdown' || block.type === 'note')
      expect(shown).toContain(block.text.split('\n')[0]!.slice(0, 40))
  }
  // Cards citing several sections name the plan once; each section must still be shown.
  for (const citation of turn.citations)
    expect(shown).toContain(citation.source.replace('《瓯海区质量强企千百行动方案》', ''))
})
