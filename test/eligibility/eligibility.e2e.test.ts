// 质量贷/标准贷 and the finder, end to end through the console session on the real server with the demo data.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type Bot, startBot } from '../enterprises/harness.ts'

let bot: Bot
beforeAll(async () => {
  bot = await startBot()
})
afterAll(() => bot.close())

test('met: the bound boss of the shoe company sees the award as evidence, the citation and the next steps', async () => {
  const turn = await bot.session('demo-boss').say('我们能办质量贷吗？')
  expect(turn.intent).toBe('eligibility')
  const card = turn.cards[0]!
  expect(card.template).toBe('eligibility')
  expect(card.subtitle).toBe('瓯海示例鞋业有限公司（演示）')
  expect(turn.text).toContain('✅ 政府质量奖')
  expect(turn.text).toContain('2023年区级政府质量奖：瓯海区政府质量奖（演示）')
  expect(turn.text).toContain('⬜ 标准创新贡献奖')
  expect(turn.text).toContain('依据：《瓯海区质量强企千百行动方案》四、(三)')
  expect(turn.text).toContain('探索推广')
  expect(turn.text).toContain('由银行审核决定')
  expect(turn.text).toMatch(/三、\(四\)[\s\S]*三、\(二\)/)
  expect(turn.citations[0]).toMatchObject({ source: '《瓯海区质量强企千百行动方案》四、(三)' })
  const recommend = card.actions.find((a) => a.action === 'ticket.start')
  expect(recommend).toMatchObject({ label: '申请推荐（需审批）', value: { category: 'quality_loan' } })
  expect(turn.text).not.toMatch(/\d+\s*(万元|元|%)/)
})

test('met by certificate: the certificate number and expiry are the evidence', async () => {
  await bot.db.contact.create({
    data: {
      platform: 'console',
      userId: 'auto-boss',
      enterpriseId: (await bot.db.enterprise.findFirstOrThrow({ where: { creditCode: '91330304MA2DEMX02D' } })).id,
    },
  })
  const turn = await bot.session('auto-boss').say('标准贷需要什么条件')
  expect(turn.text).toContain('✅ 品牌认证')
  expect(turn.text).toContain('证书编号 ZZB-演示-0002，有效期至 2028-03-31')
})

test('not met: said plainly, expired certificate shown as not counted, the paths to qualify with sections', async () => {
  const lock = await bot.session('demo-lock').say('我们公司符合质量贷的条件吗')
  expect(lock.text).toContain('暂未查到方案所列的增信荣誉')
  expect(lock.text).toContain('三、(一)')
  expect(lock.text).not.toContain('✅')
  const glasses = await bot.session('demo-glasses').say('我们能办质量贷吗')
  expect(glasses.text).toContain('✅ 标准创新贡献奖')
  expect(glasses.text).toContain('已于 2025-01-31 到期，不计入')
})

test('unbound: the policy is explained and binding is offered', async () => {
  const turn = await bot.session('demo-newcomer').say('我们能办质量贷吗？')
  expect(turn.intent).toBe('eligibility')
  expect(turn.text).toContain('绑定企业后')
  expect(turn.text).toContain('政府质量奖（国家、省、市、区任一级）')
  expect(turn.cards[0]!.actions.map((a) => a.action)).toEqual(['enterprise.bind'])
})

test('the 绑定企业 button on the card starts the binding dialogue', async () => {
  const me = bot.session('button-user')
  await me.say('标准贷需要什么条件')
  const turn = await me.say('1')
  expect(turn.intent).toBe('bind')
  expect(turn.text).toContain('18位统一社会信用代码')
  await me.say('取消')
})

test('finder: the next award tier first, each with its section; the button opens the matching service', async () => {
  const turn = await bot.session('demo-boss').say('我们还能争取哪些奖？')
  expect(turn.intent).toBe('eligibility')
  const card = turn.cards[0]!
  expect(card.template).toBe('award-finder')
  expect(turn.text).toMatch(/1\. 市级政府质量奖（依据 三、\(一\)）/)
  expect(turn.text).toContain('已获区级政府质量奖，可按梯次争创市级')
  expect(turn.text).not.toContain('对标达标（依据') // already held
  expect(card.actions[0]).toMatchObject({ action: 'ticket.start', value: { category: 'expert_team' } })
})

test('finder from the eligibility card button, and for someone not bound', async () => {
  const boss = bot.session('demo-boss')
  const loan = await boss.say('我们能办质量贷吗')
  const index = loan.cards[0]!.actions.findIndex((a) => a.action === 'eligibility.finder')
  const finder = await boss.say(String(index + 1))
  expect(finder.cards[0]?.template).toBe('award-finder')
  const stranger = await bot.session('nobody').say('我们还能申报什么认证')
  expect(stranger.text).toContain('绑定企业后')
  expect(stranger.text).toContain('政府质量奖（国家、省、市、区各级）')
})

test('the eligibility handler also answers the knowledge classifier’s `eligibility` intent from the text alone', async () => {
  const handler = bot.server.deps.handlers.messages.get('eligibility')!
  const event = {
    kind: 'message' as const,
    eventId: 'x',
    platform: 'console' as const,
    chat: { platform: 'console' as const, chatId: 'p2p-demo-boss', chatType: 'p2p' as const },
    sender: { platform: 'console' as const, userId: 'demo-boss' },
    text: '质量贷',
    reply: {},
    receivedAt: new Date(),
  }
  const conversation = {
    key: 'k',
    current: async () => null,
    start: async () => {},
    update: async () => {},
    end: async () => {},
    lapsed: async () => null,
  }
  const result = await handler.handle({
    deps: bot.server.deps,
    event,
    conversation,
    intent: { intent: 'eligibility', confidence: 0.8, data: { entryIds: ['quality-loan'] } },
  })
  expect(result.replies?.[0]).toMatchObject({ kind: 'card', card: { template: 'eligibility' } })
})
