// 质量贷 eligibility over Feishu: a signed, encrypted event from the fake Feishu → the real server → a card 2.0
// reply through the fake's message API, for a bound contact and for one who is not bound.
import { beforeAll, expect, test } from 'vitest'
import { loadContactFile } from '../../src/features/enterprises/contact.repo.ts'
import { DEMO, seedDemo } from '../enterprises/harness.ts'
import { FAKE_ENCRYPT_KEY, feishuRequest, messageEvent } from '../fakes/feishu/events.ts'
import { withFeishu } from '../helpers/feishu.ts'
import { waitFor } from '../helpers/server.ts'

const feishu = withFeishu({ once: true })
beforeAll(async () => {
  await seedDemo(feishu.server.deps.db)
  await loadContactFile(
    feishu.server.deps.db,
    { contacts: [{ platform: 'feishu', userId: 'ou_boss', name: '张经理', creditCode: DEMO.shoes }] },
    new Date(),
  )
})

async function ask(openId: string, text: string): Promise<string> {
  const before = replies().length
  const request = feishuRequest(
    messageEvent({ chatType: 'p2p', chatId: `oc_p2p_${openId}`, senderOpenId: openId, text }),
    {
      encryptKey: FAKE_ENCRYPT_KEY,
    },
  )
  const res = await fetch(`${feishu.server.url}/webhooks/feishu/events`, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  })
  expect(res.status).toBe(200)
  await waitFor(() => replies().length > before, 5000, 'a reply')
  const reply = replies()[before]!
  expect(reply.body.msg_type).toBe('interactive')
  return reply.body.content as string
}
const replies = () => feishu.fake.messages().filter((c) => c.path.startsWith('/open-apis/im/v1/messages'))

test('a bound Feishu contact gets the eligibility card with evidence, citation and the recommendation button', async () => {
  const content = await ask('ou_boss', '我们能办质量贷吗？')
  const card = JSON.parse(content)
  expect(card).toMatchObject({ schema: '2.0', header: { title: { content: '“质量贷”“标准贷”增信荣誉核对' } } })
  expect(content).toContain('瓯海示例鞋业有限公司（演示）')
  expect(content).toContain('2023年区级政府质量奖')
  expect(content).toContain('四、(三)')
  expect(content).toContain('quality_loan')
})

test('an unbound Feishu contact is offered binding', async () => {
  const content = await ask('ou_someone', '标准贷需要什么条件')
  expect(content).toContain('绑定企业后')
  expect(content).toContain('enterprise.bind')
  expect(content).not.toContain('瓯海示例')
})
