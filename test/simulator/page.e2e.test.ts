// The web simulator in a real browser (Debian's chromium through playwright-core): what a person sees on
// /simulator. Cards drawn as cards (a coloured header, icons instead of emoji, labelled buttons), clicks that
// update the card, identities switched with the labelled selector and with `/user`, and a message to another person
// shown in that person's own view. Skipped, loudly, where /usr/bin/chromium is missing (CI installs it: .ci/run).
// UPDATE_SCREENSHOTS=1 rewrites docs/screenshots/*.png (shown in README.md).
import { existsSync, mkdirSync } from 'node:fs'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { seedDemoData } from './demo.ts'

const CHROMIUM = '/usr/bin/chromium'
const available = existsSync(CHROMIUM)
if (!available) console.warn(`SKIPPED: simulator browser tests (${CHROMIUM} not found; apt-get install chromium)`)

const SHOTS = new URL('../../docs/screenshots/', import.meta.url)
const EMOJI = /[\u{1F300}-\u{1FAFF}\u2B1C\u2705\u274C\u26A0]/u

type Browser = import('playwright-core').Browser
type Page = import('playwright-core').Page
let server: TestServer
let browser: Browser
let page: Page

beforeAll(async () => {
  if (!available) return
  const { chromium } = await import('playwright-core')
  server = await startTestServer()
  await seedDemoData(server.deps.db)
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] })
  page = await browser.newPage({ viewport: { width: 1200, height: 800 }, locale: 'zh-CN' })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function shot(name: string) {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: new URL(name, SHOTS).pathname })
}

async function send(text: string) {
  await page.fill('#text', text)
  await page.press('#text', 'Enter')
}

const view = (userId: string) => page.locator(`.view[data-user="${userId}"]`)

test.skipIf(!available)(
  'a person sees cards as cards, clicks buttons, and switches identity to see what others were sent',
  async () => {
    await page.goto(`${server.url}/simulator`)
    // The labelled selector lists the demo people by what they do; the page starts as the bound demo contact.
    expect(await page.getByLabel('当前身份（以谁的身份发言）').evaluate((el) => el.id)).toBe('who')
    const options = await page.locator('#who option').allTextContents()
    expect(options).toContain('张工（演示） · 质量管家 · 计量科')
    expect(options).toContain('认证检测科负责人（演示） · 审批领导 · 认证检测科')
    expect(options).toContain('访客 · 企业联系人 · 未绑定企业')
    expect(await page.locator('#who').inputValue()).toBe('demo-boss')
    await view('demo-boss').locator('.qs-card[data-template="help"]').waitFor()

    // 质量贷: the checklist's marks are SVG icons, not emoji a browser may lack a font for.
    await send('质量贷条件')
    const card = view('demo-boss').locator('.qs-card[data-template="eligibility"]')
    await card.waitFor()
    await expect(card.locator('.qs-card-title').textContent()).resolves.toContain('质量贷')
    const header = await card.locator('.qs-card-header').evaluate((el) => getComputedStyle(el).backgroundColor)
    expect(header).toBe('rgb(51, 112, 255)')
    expect(await card.locator('svg.qs-icon[aria-label="已具备"]').count()).toBeGreaterThanOrEqual(1)
    expect(await card.locator('svg.qs-icon[aria-label="暂未具备"]').count()).toBeGreaterThanOrEqual(1)
    expect(await card.textContent()).not.toMatch(EMOJI)
    const labels = await card.locator('.qs-actions button').allTextContents()
    expect(labels).toEqual(['申请推荐（需审批）', '还能争取哪些奖'])
    await card.scrollIntoViewIfNeeded()
    await shot('simulator-eligibility.png')

    // A real button: "还能争取哪些奖" answers with the award finder.
    await card.getByRole('button', { name: '还能争取哪些奖' }).click()
    await view('demo-boss').locator('.qs-card[data-template="award-finder"]').waitFor()

    // Switching with the selector: a new contact asks to bind; the request goes to the staff member in charge.
    await page.selectOption('#who', 'demo-newcomer')
    await expect(page.locator('#chat-title').textContent()).resolves.toContain('新联系人（演示）')
    expect(await view('demo-boss').isHidden()).toBe(true)
    await send('绑定企业')
    await view('demo-newcomer').getByText('统一社会信用代码').waitFor()
    await send('91330304MA2DEMX02D')
    const sent = view('demo-newcomer').locator('.sent')
    await sent.waitFor()
    expect(await sent.textContent()).toContain('已发给 赵工（演示）：企业绑定申请')
    expect(await page.locator('#who option[value="赵工（演示）"]').textContent()).toContain('1 条新消息')

    // `/user 赵工` switches as the terminal does (not a question to the bot); the request is in 赵工's own view.
    await send('/user 赵工')
    expect(await page.locator('#who').inputValue()).toBe('赵工（演示）')
    const request = view('赵工（演示）').locator('.qs-card[data-template="binding-request"]')
    await request.waitFor()
    expect(await view('赵工（演示）').textContent()).not.toContain('无法回答')
    expect(await request.locator('.qs-card-header').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(227, 115, 24)',
    )
    const before = await request.getAttribute('data-card-version')
    await request.getByRole('button', { name: '确认绑定' }).click()
    // The same card, updated in place: a newer version, decided, its buttons gone.
    await expect.poll(() => request.getAttribute('data-card-version'), { timeout: 10_000 }).not.toBe(before)
    expect(await request.textContent()).toMatch(/已确认|已绑定/)
    expect(await request.getByRole('button', { name: '确认绑定' }).count()).toBe(0)
    expect(await view('赵工（演示）').locator('.qs-card[data-template="binding-request"]').count()).toBe(1)
    await shot('simulator-staff-card.png')

    // `/user 李工` switches to another staff member: a view of their own, labelled by what they do.
    await send('/user 李工')
    expect(await page.locator('#who').inputValue()).toBe('李工（演示）')
    await expect(page.locator('#chat-title').textContent()).resolves.toContain('李工（演示） · 质量管家 · 认证检测科')
    expect(await view('赵工（演示）').isHidden()).toBe(true)

    // Back to the contact: the confirmation sent to them is theirs, in their view.
    await page.selectOption('#who', 'demo-newcomer')
    await view('demo-newcomer').getByText('申请已由工作人员确认').waitFor()
    // The selector learnt that the contact is bound now.
    await expect
      .poll(() => page.locator('#who option[value="demo-newcomer"]').textContent())
      .toContain('瓯海示例汽摩配有限公司（演示）')
    await shot('simulator-contact-view.png')
  },
  90_000,
)
