// The staff console in a real browser (Debian's chromium through playwright-core), against the fake Feishu: an
// official signs in through Feishu's authorize page, approves a ticket from the board, and the other official's
// approval card in Feishu is updated; an admin imports a spreadsheet with an error row, then a clean one,
// downloads the monthly report, and edits a knowledge entry (预览, then 保存). Skipped, loudly, where
// /usr/bin/chromium is missing (CI installs it: .ci/run).
// UPDATE_SCREENSHOTS=1 rewrites docs/screenshots/console-*.png (shown in README.md).
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { loadStaffFile } from '../../src/features/staff/staff.repo.ts'
import { cardActionEvent, messageEvent } from '../fakes/feishu/events.ts'
import { type FakeFeishu, startFakeFeishu } from '../fakes/feishu/server.ts'
import { buttonValue } from '../helpers/actions.ts'
import { type FeishuTestServer, latestSentCard, postFeishuCallback, startFeishuServer } from '../helpers/feishu.ts'
import { waitFor } from '../helpers/server.ts'
import { seedDemoData } from '../simulator/demo.ts'
import { bindContact, seedPeople } from '../tickets/fixtures.ts'

const CHROMIUM = '/usr/bin/chromium'
const available = existsSync(CHROMIUM)
if (!available) console.warn(`SKIPPED: console browser tests (${CHROMIUM} not found; apt-get install chromium)`)

const SHOTS = new URL('../../docs/screenshots/', import.meta.url)

type Browser = import('playwright-core').Browser
type Page = import('playwright-core').Page
let fake: FakeFeishu
let server: FeishuTestServer
let browser: Browser

beforeAll(async () => {
  if (!available) return
  const { chromium } = await import('playwright-core')
  fake = await startFakeFeishu()
  server = await startFeishuServer(fake)
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
  await fake?.close()
})

async function shot(page: Page, name: string) {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: new URL(name, SHOTS).pathname, fullPage: true })
}

const post = async (path: 'events' | 'cards', payload: unknown) =>
  (await postFeishuCallback(server.url, path, payload)).body

const latestCard = (template: string, where: Record<string, unknown> = {}) =>
  latestSentCard(server.deps.db, template, where)

/** A fee-waiver ticket opened in Feishu chat, waiting for 认证检测科's approval: both officials hold a card. */
async function ticketWaitingInFeishu() {
  const enterprise = await seedPeople(server.deps, { feishu: true })
  await bindContact(server.deps, 'feishu', 'ou_contact', enterprise.id)
  await post(
    'events',
    messageEvent({ chatType: 'p2p', chatId: 'oc_contact', senderOpenId: 'ou_contact', text: '申请检验检测费用减免' }),
  )
  const form = await latestCard('ticket-form')
  await post(
    'cards',
    cardActionEvent({
      value: buttonValue(form, 'ticket.submit'),
      formValue: {
        category: 'fee_waiver',
        description: '今年送检鞋类产品的检验检测费用申请减免',
        phone: '13812345678',
      },
      operatorOpenId: 'ou_contact',
      chatId: 'oc_contact',
    }),
  )
  const ticket = await server.deps.db.ticket.findFirstOrThrow()
  const task = await latestCard('ticket-task', { userId: 'ou_assignee' })
  const asked = await post(
    'cards',
    cardActionEvent({
      value: buttonValue(task, 'ticket.request_approval', { t: ticket.id, tv: ticket.version }),
      operatorOpenId: 'ou_assignee',
      chatId: 'oc_assignee',
    }),
  )
  expect(asked.toast?.type).toBe('success')
  const theirs = await latestCard('ticket-approval', { userId: 'ou_official2' })
  // Both approval cards have reached Feishu (a message id to patch later).
  await waitFor(
    () => server.deps.db.sentCard.findUnique({ where: { id: theirs.id } }).then((c) => c?.platformMessageId),
    5000,
    'card sent',
  )
  return { ticket, theirs }
}

async function signInWithFeishu(page: Page, openId: string, name: string) {
  fake.signInAs({ openId, name })
  await page.goto(`${server.url}/admin/tickets`)
  await page.waitForURL(/\/admin\/sign-in/)
  await shot(page, 'console-sign-in.png')
  await page.getByRole('link', { name: '使用飞书登录' }).click()
  await page.waitForURL(/\/admin\/tickets/)
}

test.skipIf(!available)(
  'an official signs in with Feishu, approves from the board, and the Feishu card follows',
  async () => {
    const { ticket, theirs } = await ticketWaitingInFeishu()
    // The demo enterprises (with honours) for the profile page, loaded after routing chose the test's people.
    await seedDemoData(server.deps.db)
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' })
    const page = await context.newPage()
    await signInWithFeishu(page, 'ou_official', '认证科长')
    await expect(page.getByTestId('who').textContent()).resolves.toBe('认证科长 · 认证检测科 · 审批领导')
    const row = page.locator('[data-testid="tickets"] tr', { hasText: ticket.number })
    await expect(row.textContent()).resolves.toContain('待审批')
    await expect(row.locator('.badge').last().textContent()).resolves.toMatch(/剩余|超时/)
    await shot(page, 'console-tickets.png')

    await row.getByRole('link', { name: ticket.number }).click()
    await page.fill('textarea[name="comment"]', '同意减免，请按规定办理。')
    await shot(page, 'console-ticket.png')
    await page.getByRole('button', { name: '同意' }).click()
    await page.waitForURL(/r=approve/)
    await expect(page.getByTestId('status').textContent()).resolves.toBe('审批通过')
    await expect(page.locator('.notice').textContent()).resolves.toContain('群聊中的卡片已同步更新')

    // The other official's card in Feishu is patched to show the decision, made in the browser.
    const messageId = (await server.deps.db.sentCard.findUniqueOrThrow({ where: { id: theirs.id } })).platformMessageId!
    const patch = await waitFor(
      () =>
        fake.calls.find(
          (c) => c.method === 'PATCH' && c.path.endsWith(messageId) && JSON.stringify(c.body).includes('已同意'),
        ),
      8000,
      'the Feishu card patched',
    )
    expect(JSON.stringify(patch?.body)).toContain('认证科长')
    const audit = await server.deps.db.auditEntry.findFirstOrThrow({ where: { action: 'ticket.approve' } })
    expect(audit.via).toBe('console')

    // A second click from a stale page changes nothing and says why.
    await page.goBack()
    await page.goBack()
    if (await page.getByRole('button', { name: '同意' }).count()) {
      await page.getByRole('button', { name: '驳回' }).click()
      await page.waitForURL(/r=(stale|wrong_state)/)
    }
    expect(
      await server.deps.db.ticketEvent.count({
        where: { ticketId: ticket.id, action: { in: ['approved', 'rejected'] } },
      }),
    ).toBe(1)

    const enterprise = await server.deps.db.enterprise.findUniqueOrThrow({
      where: { creditCode: '91330304MA2DEMX01A' },
    })
    await page.goto(`${server.url}/admin/enterprises/${enterprise.id}`)
    await page.getByTestId('eligibility').waitFor()
    await expect(page.getByTestId('finder').textContent()).resolves.toContain('还可争创')
    await shot(page, 'console-enterprise.png')
    await context.close()
  },
)

test.skipIf(!available)(
  'an admin imports a spreadsheet with an error row, then a clean one, downloads the monthly report, edits knowledge',
  async () => {
    await loadStaffFile(server.deps.db, {
      staff: [{ name: '管理员（演示）', department: '办公室', role: 'admin', identities: { feishu: 'ou_admin' } }],
    })
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      locale: 'zh-CN',
      acceptDownloads: true,
    })
    const page = await context.newPage()
    await signInWithFeishu(page, 'ou_admin', '管理员（演示）')

    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('企业')
    sheet.addRow(['企业名称', '统一社会信用代码', '行业', '规模', '所属街道'])
    sheet.addRow(['瓯海浏览器测试鞋业有限公司', '91330304MA2CT0004H', '鞋服', '小型', '娄桥街道'])
    sheet.addRow(['瓯海浏览器测试眼镜有限公司', '91330304MA2CT0005M', '眼镜', '小型', '郭溪街道'])
    const withError = Buffer.from(await workbook.xlsx.writeBuffer())

    await page.getByRole('link', { name: '导入' }).click()
    await page.selectOption('select[name="kind"]', 'enterprises')
    await page.setInputFiles('input[name="file"]', {
      name: '企业.xlsx',
      mimeType: 'application/octet-stream',
      buffer: withError,
    })
    await page.getByRole('button', { name: '上传并预览' }).click()
    const errors = page.getByTestId('import-errors')
    await errors.waitFor()
    await expect(errors.textContent()).resolves.toContain(
      '第 3 行统一社会信用代码校验位不正确（按前17位计算，第18位应为 L）',
    )
    expect(await page.getByRole('button', { name: /确认导入/ }).count()).toBe(0)
    await shot(page, 'console-import.png')

    const clean = readFileSync(new URL('../../seed/demo/import-enterprises.csv', import.meta.url))
    await page.setInputFiles('input[name="file"]', {
      name: 'import-enterprises.csv',
      mimeType: 'text/csv',
      buffer: clean,
    })
    await page.getByRole('button', { name: '上传并预览' }).click()
    await page.getByRole('button', { name: '确认导入（3 条）' }).click()
    await expect(page.getByTestId('import-report').textContent()).resolves.toContain('已全部写入')
    expect(await server.deps.db.enterprise.count({ where: { name: { contains: '导入示例' } } })).toBe(3)

    await page.getByRole('link', { name: '报表' }).click()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载月报（Excel）' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^月报-\d{4}-\d{2}\.xlsx$/)
    const report = new ExcelJS.Workbook()
    await report.xlsx.readFile(await download.path())
    expect(String(report.getWorksheet('工单')!.getCell('A1').value)).toContain('一站式服务工单月报')

    await page.getByRole('link', { name: '任务与消息' }).click()
    await shot(page, 'console-jobs.png')

    // 知识库 › 编辑: 预览 shows the answer card and the evaluation, 保存 goes through the gate.
    await page.getByRole('link', { name: '知识库' }).click()
    await page.locator('a[href="/admin/knowledge/fee-waiver/edit"]').click()
    const answer = page.locator('textarea[name="answer"]')
    const added = '谢谢。'
    await answer.fill(`${await answer.inputValue()}${added}`)
    await page.getByRole('button', { name: '预览' }).click()
    await expect(page.getByTestId('preview').locator('.qs-card').textContent()).resolves.toContain(added)
    await expect(page.getByTestId('evaluation').textContent()).resolves.toContain('冻结留出集')
    await shot(page, 'console-knowledge-edit.png')
    await page.getByRole('button', { name: '保存' }).click()
    await expect(page.locator('.notice.ok').textContent()).resolves.toContain('已保存')
    expect(server.deps.knowledge.get('fee-waiver')!.answer).toContain(added)

    // The features' own pages join the top bar: the plan's targets (chart without JavaScript) and the alerts.
    await page.getByRole('link', { name: '目标', exact: true }).click()
    expect(await page.locator('progress').count()).toBe(7)
    await shot(page, 'console-targets.png')
    await page.getByRole('link', { name: '预警', exact: true }).click()
    await expect(page.locator('h1').textContent()).resolves.toBe('质量风险预警')
    await shot(page, 'console-alerts.png')
    await context.close()
  },
)
