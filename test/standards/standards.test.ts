// The standards table: the loader (idempotent, validated), the list service, and the list card end to end.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { parseStandardsQuestion } from '../../src/features/standards/standards.question.ts'
import { listStandards, loadStandardsFile } from '../../src/features/standards/standards.repo.ts'
import { type Bot, readDemo, startBot } from '../enterprises/harness.ts'

let bot: Bot
beforeAll(async () => {
  bot = await startBot()
})
afterAll(() => bot.close())

test('loading the demo file twice changes nothing; a bad row is refused before anything is written', async () => {
  const before = await bot.db.standard.count()
  expect(await loadStandardsFile(bot.db, await readDemo('standards.json'))).toEqual({ saved: 6 })
  expect(await bot.db.standard.count()).toBe(before)
  const bad = {
    standards: [{ code: 'T/ZZB 0000-演示99', name: 'x', industry: '食品', kind: '浙江制造', status: '已发布' }],
  }
  await expect(loadStandardsFile(bot.db, bad)).rejects.toThrow(/industry/)
  expect(await bot.db.standard.count()).toBe(before)
})

test('listing by industry and kind, published first; demo data is clearly marked', async () => {
  const shoes = await listStandards(bot.db, { industry: '鞋服', kind: '浙江制造' })
  expect(shoes.map((s) => s.status)).toEqual(['已发布', '研制中'])
  for (const s of await listStandards(bot.db)) expect(`${s.code}${s.name}`).toMatch(/演示/)
})

test.each([
  ['鞋类有哪些浙江制造标准', { industry: '鞋服', own: false, zhejiangMade: true }],
  ['汽摩配的浙江制造标准有哪些', { industry: '汽摩配', own: false, zhejiangMade: true }],
  ['我们行业有哪些先进标准', { industry: null, own: true, zhejiangMade: false }],
])('%s', (text, expected) => {
  expect(parseStandardsQuestion(text)).toEqual(expected)
})

test.each(['怎么制定浙江制造标准', '浙江制造标准有什么扶持', '标准化'])(
  '%s is a policy question, not a list',
  (text) => {
    expect(parseStandardsQuestion(text)).toBeNull()
  },
)

test('"鞋类有哪些浙江制造标准" lists them with the policy context of 三、(四)', async () => {
  const turn = await bot.session('anyone').say('鞋类有哪些浙江制造标准')
  expect(turn.intent).toBe('standards_list')
  expect(turn.cards[0]?.template).toBe('standards-list')
  expect(turn.text).toContain('T/ZZB 0000-演示01')
  expect(turn.text).toContain('（演示数据）示例童鞋')
  expect(turn.text).not.toContain('汽车')
  expect(turn.text).toContain('依据：《瓯海区质量强企千百行动方案》三、(四)')
  expect(turn.cards[0]!.actions[0]).toMatchObject({ action: 'ticket.start', value: { category: 'standards' } })
})

test('an industry with none in the table gets an honest note; "我们行业" uses the bound enterprise', async () => {
  const none = await bot.session('anyone').say('眼镜有哪些浙江制造标准')
  expect(none.text).toContain('标准库中暂时没有眼镜行业的“浙江制造”标准记录')
  const own = await bot.session('demo-boss').say('我们行业有哪些浙江制造标准')
  expect(own.text).toContain('鞋服行业')
  expect(own.text).toContain('T/ZZB 0000-演示01')
})
