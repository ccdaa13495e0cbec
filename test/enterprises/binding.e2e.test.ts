// Binding a console contact to an enterprise, end to end through the real server, pipeline and outbox: staff
// confirmation, staff rejection, one-time code (right, wrong, too many tries), staff-only buttons, unbinding.
import { afterEach, beforeEach, expect, test } from 'vitest'
import { findBoundEnterprise } from '../../src/features/enterprises/enterprise.service.ts'
import { type Bot, DEMO, startBot } from './harness.ts'

let bot: Bot
beforeEach(async () => {
  bot = await startBot()
})
afterEach(() => bot.close())

async function requestAs(userId: string, creditCode: string) {
  const me = bot.session(userId, `${userId}-name`)
  const start = await me.say('绑定企业')
  expect(start.intent).toBe('bind')
  expect(start.text).toContain('统一社会信用代码')
  const submitted = await me.say(creditCode)
  return { me, submitted }
}

test('staff confirm: the staff covering the industry get a card, 确认 binds the contact and tells them', async () => {
  const { me, submitted } = await requestAs('new-shoe-boss', DEMO.shoes)
  expect(submitted.text).toContain('绑定申请已提交')
  expect(submitted.text).toContain('瓯海示例鞋业有限公司（演示）')
  expect(submitted.others.map((o) => o.to)).toEqual(['王工'])
  const card = (await bot.staffCard('王工'))!
  expect(card.actions.map((a) => a.label)).toEqual(['确认绑定', '拒绝', '生成验证码'])

  const response = await bot.click('王工', card, '确认绑定')
  expect(response.toast?.type).toBe('success')
  expect(response.card?.actions).toEqual([])
  expect(JSON.stringify(response.card)).toContain('已确认绑定（王工')
  expect(bot.inboxOf('new-shoe-boss').join()).toContain('申请已由工作人员确认')
  expect((await findBoundEnterprise(bot.db, 'console', 'new-shoe-boss'))?.creditCode).toBe(DEMO.shoes)

  const again = await bot.click('王工', card, '确认绑定')
  expect(again.toast?.text).toMatch(/卡片已更新|已处理/)
  expect((await me.say('我的企业')).text).toContain('9133**********X01A')
})

test('staff reject: the contact is told politely and stays unbound', async () => {
  await requestAs('someone', DEMO.locks)
  const card = (await bot.staffCard('陈工'))!
  const response = await bot.click('陈工', card, '拒绝')
  expect(JSON.stringify(response.card)).toContain('已拒绝')
  expect(bot.inboxOf('someone').join()).toContain('未通过工作人员核实')
  expect(await findBoundEnterprise(bot.db, 'console', 'someone')).toBeNull()
})

test('only staff may decide: an enterprise contact clicking 确认 is refused and nothing changes', async () => {
  await requestAs('intruder', DEMO.shoes)
  const card = (await bot.staffCard('王工'))!
  const response = await bot.click('demo-boss', card, '确认绑定')
  expect(response.toast).toMatchObject({ type: 'error', text: expect.stringContaining('仅市场监管局工作人员') })
  expect(await findBoundEnterprise(bot.db, 'console', 'intruder')).toBeNull()
  expect((await bot.db.binding.findFirst({ where: { status: 'pending' } }))?.decidedBy).toBeNull()
})

test('one-time code: staff generate it (shown once, stored hashed), the contact types it and is bound', async () => {
  const { me } = await requestAs('code-user', DEMO.autoParts)
  const staffName = (await bot.db.staff.findMany()).map((s) => s.name)
  expect(staffName).toContain('王工')
  // 汽摩配 in 潘桥街道: nobody covers it explicitly, so it goes to leads and admins; make one.
  await bot.db.staff.update({ where: { id: 1 }, data: { isLead: true } })
  const { me: again } = await requestAs('code-user-2', DEMO.autoParts)
  const card = (await bot.staffCard('王工'))!
  const response = await bot.click('王工', card, '生成验证码')
  const code = /验证码：(\d{6})/.exec(response.toast?.text ?? '')?.[1]
  expect(code).toMatch(/^\d{6}$/)
  expect(JSON.stringify(response.card)).not.toContain(code!)
  const row = await bot.db.binding.findFirst({ where: { status: 'pending', codeHash: { not: null } } })
  expect(row?.codeHash).toMatch(/^[0-9a-f]{64}$/)
  expect(JSON.stringify(await bot.db.outbox.findMany())).not.toContain(code!)

  const turn = await again.say(code!)
  expect(turn.intent).toBe('bind')
  expect(turn.text).toContain('验证成功')
  expect((await findBoundEnterprise(bot.db, 'console', 'code-user-2'))?.creditCode).toBe(DEMO.autoParts)
  expect(await findBoundEnterprise(bot.db, 'console', 'code-user')).toBeNull()
  expect((await me.say('123456')).intent).not.toBe('bind') // no code was issued to this one
})

test('wrong codes: a few tries, then the request is closed', async () => {
  const { me } = await requestAs('guesser', DEMO.shoes)
  const card = (await bot.staffCard('王工'))!
  const code = /验证码：(\d{6})/.exec((await bot.click('王工', card, '生成验证码')).toast?.text ?? '')![1]!
  const wrong = code === '000000' ? '111111' : '000000'
  for (const left of [4, 3, 2, 1]) expect((await me.say(wrong)).text).toContain(`还可以再试${left}次`)
  expect((await me.say(wrong)).text).toContain('错误次数过多')
  expect((await me.say(code)).text).not.toContain('验证成功')
  expect(await findBoundEnterprise(bot.db, 'console', 'guesser')).toBeNull()
})

test('an invalid credit code gets a specific, friendly message and a limited number of retries', async () => {
  const me = bot.session('typo')
  await me.say('我是瓯海示例鞋业有限公司的')
  expect((await me.say('91330304MA2DEMX01')).text).toContain('应为18位，您输入的是17位')
  expect((await me.say('91330304MA2DEMX01B')).text).toContain('校验码对不上')
  const last = await me.say('91330304MA2DEMXO1A')
  expect(last.text).toContain('连续3次未通过校验')
  expect((await me.say('帮助')).intent).toBe('help') // the flow is over
})

test('an unknown enterprise: said politely, nothing about other enterprises, a service ticket offered', async () => {
  const me = bot.session('stranger')
  await me.say('绑定企业')
  const turn = await me.say('91350100M000100Y43')
  expect(turn.text).toContain('暂未找到该企业')
  expect(turn.text).toContain('申请服务')
  expect(turn.text).not.toMatch(/示例|演示/)
  expect(turn.others).toEqual([])
})

test('a pasted credit code starts binding at once; a bound contact is told; 解除绑定 unbinds', async () => {
  const boss = bot.session('demo-boss')
  expect((await boss.say('绑定企业')).text).toContain('您已绑定“瓯海示例鞋业有限公司（演示）”')
  expect((await boss.say('解除绑定')).text).toContain('已为您解除')
  expect(await findBoundEnterprise(bot.db, 'console', 'demo-boss')).toBeNull()
  expect((await boss.say('我的企业')).text).toContain('您还没有绑定企业')
  const pasted = await boss.say(DEMO.shoes)
  expect(pasted.text).toContain('绑定申请已提交')
})

test('the simulator HTTP endpoint runs the same dialogue', async () => {
  const say = async (text: string) => {
    const response = await fetch(`${bot.server.url}/simulator/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'http-user', text }),
    })
    return (await response.json()) as { intent: string; text: string }
  }
  expect((await say('我要绑定企业')).text).toContain('统一社会信用代码')
  expect((await say(DEMO.precisionLocks)).text).toContain('绑定申请已提交')
  expect(await bot.staffCard('陈工')).not.toBeNull()
})
