// The simulator's routes without a browser (src/platforms/console/routes.ts): who one can act as, the page's
// server-rendered selector (escaped), clicks on real buttons through the core's checks, and what waits for a person.
import { beforeAll, expect, test } from 'vitest'
import { withServer } from '../helpers/server.ts'
import { seedDemoData } from './demo.ts'

const server = withServer({ once: true })
beforeAll(async () => {
  await seedDemoData(server.deps.db)
})

const post = async (path: string, body: unknown) => {
  const res = await fetch(`${server.url}/simulator/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: await res.json() }
}

test('GET /people lists staff by role and department, contacts by enterprise, and the visitor', async () => {
  const { list, start } = await (await fetch(`${server.url}/simulator/people`)).json()
  const labels = list.map((p: { label: string }) => p.label)
  expect(labels).toContain('张工（演示） · 质量管家 · 计量科')
  expect(labels).toContain('认证检测科负责人（演示） · 审批领导 · 认证检测科')
  expect(labels).toContain('新联系人（演示） · 企业联系人 · 未绑定企业')
  expect(labels).toContain('访客 · 企业联系人 · 未绑定企业')
  expect(start.userId).toBe('demo-boss')
})

test('the page is server-rendered with a labelled selector, and names from the database are escaped', async () => {
  await server.deps.db.contact.create({
    data: { platform: 'console', userId: 'x"><script>alert(1)</script>', name: '<img src=x onerror=alert(1)>' },
  })
  const html = await (await fetch(`${server.url}/simulator?as=${encodeURIComponent('李工（演示）')}`)).text()
  expect(html).toContain('<label for="who">当前身份（以谁的身份发言）</label>')
  expect(html).toContain('<option value="李工（演示）" selected>李工（演示） · 质量管家 · 认证检测科</option>')
  expect(html).not.toContain('<img src=x')
  expect(html).not.toContain('<script>alert(1)')
  expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/)
})

test('a click on a real button runs through the core; a click on an outdated version is refused', async () => {
  const asked = await post('messages', { userId: 'demo-boss', text: '帮助' })
  const help = asked.body.cards[0]
  expect(asked.body.view.items[0].cardId).toBe(help.id)
  expect(asked.body.view.items[0].html).toContain('data-action="ticket.mine"')
  const clicked = await post('clicks', {
    userId: 'demo-boss',
    cardId: help.id,
    cardVersion: help.version,
    action: 'ticket.mine',
    value: {},
  })
  expect(clicked.status).toBe(200)
  expect(clicked.body.view.items.map((i: { html: string }) => i.html).join('')).toContain('data-template="ticket-list"')
  const stale = await post('clicks', {
    userId: 'demo-boss',
    cardId: help.id,
    cardVersion: help.version - 1,
    action: 'ticket.mine',
    value: {},
  })
  // Refused with a word, and at most the card as it is now: no second ticket list.
  expect(stale.body.toast).toBeTruthy()
  expect(stale.body.view.items.map((i: { html: string }) => i.html).join('')).not.toContain('ticket-list')
  expect((await post('clicks', { userId: 'demo-boss', cardVersion: 1 })).status).toBe(400)
})

test('a message for another person is named in the sender’s turn and waits in the recipient’s view', async () => {
  await post('messages', { userId: 'demo-newcomer', text: '绑定企业' })
  const sent = await post('messages', { userId: 'demo-newcomer', text: '91330304MA2DEMX02D' })
  expect(sent.body.view.sent).toEqual([
    { to: '赵工（演示）', summary: '企业绑定申请（瓯海示例汽摩配有限公司（演示））' },
  ])
  const waiting = await post('pending', { userId: '赵工（演示）' })
  expect(waiting.body.view.items).toHaveLength(1)
  expect(waiting.body.view.items[0].html).toContain('data-template="binding-request"')
  expect(waiting.body.view.items[0].html).toContain('data-action="binding.confirm"')
  expect((await post('pending', { userId: '赵工（演示）' })).body.view.items).toEqual([])
})
