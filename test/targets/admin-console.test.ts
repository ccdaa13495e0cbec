// The plan's targets through the admin API and the console's 目标 page, over HTTP on the real server: who gets in,
// 422 with the field at fault, a recorded figure showing in the list, on the page and in the monthly card's data,
// and the audit entry with the figure before and after. Recording follows the chat rule (any active staff member).
import { beforeAll, describe, expect, it } from 'vitest'
import { renderCardText } from '../../src/cards/render-text.ts'
import { saveStaff } from '../../src/features/staff/staff.repo.ts'
import { renderMonthlyCard } from '../../src/features/targets/monthly.card.ts'
import { monthlyData } from '../../src/features/targets/monthly.service.ts'
import { bearer, sessionFor, TOKEN } from '../admin/fixtures.ts'
import { movableClock } from '../helpers/clock.ts'
import { withServer } from '../helpers/server.ts'
import { STAFF, seedPeople } from '../tickets/fixtures.ts'

const server = withServer({ once: true, env: { ADMIN_TOKEN: TOKEN }, clock: movableClock() })
let staffIds: Record<string, number>

beforeAll(async () => {
  const enterprise = await seedPeople(server.deps)
  // Two daily check-ins this month, one answered: the page shows 50%.
  for (const [period, status] of [
    ['2026-11-23', 'done'],
    ['2026-11-24', 'pending'],
  ] as const) {
    const dueAt = new Date(`${period}T17:00:00+08:00`)
    await server.deps.db.dutyCheckin.create({
      data: { enterpriseId: enterprise.id, kind: 'daily', period, status, dueAt },
    })
  }
  await saveStaff(server.deps.db, { name: '管理员', department: '办公室', role: 'admin' })
  const rows = await server.deps.db.staff.findMany()
  staffIds = Object.fromEntries(rows.map((s) => [s.name, s.id]))
  // October's monthly card went out with one award candidate recorded: the course starts there.
  await server.deps.db.targetSnapshot.create({ data: { month: '2026-10', target: 'gov_quality_award', value: 1 } })
})

type Issues = { error: string; issues: { path: string; message: string }[] }
type Target = {
  code: string
  value: number
  percent: number
  source: string
  basis: string
  latest: { value: number; recordedBy: string; note: string | null } | null
  history: { month: string; value: number; percent: number }[]
}

const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}/admin/api${path}`, init)
const post = (body: unknown, headers: Record<string, string> = bearer) =>
  api('/targets/progress', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
const award = async () =>
  ((await (await api('/targets', { headers: bearer })).json()) as { items: Target[] }).items.find(
    (t) => t.code === 'gov_quality_award',
  )!
const page = (path: string, headers: Record<string, string>, init: RequestInit = {}) =>
  fetch(`${server.url}/admin${path}`, { redirect: 'manual', ...init, headers: { ...headers, ...init.headers } })
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
})

describe('the targets API', () => {
  it('answers only a signed-in caller, with the seven targets as the plan words them', async () => {
    expect((await api('/targets')).status).toBe(401)
    expect((await api('/targets/monthly?month=2026-11')).status).toBe(401)
    expect((await post({ target: '2', value: 1 }, {})).status).toBe(401)
    const { items } = (await (await api('/targets', { headers: bearer })).json()) as {
      items: (Target & { wording: string; goal: number })[]
    }
    expect(items).toHaveLength(7)
    expect(items[1]).toMatchObject({
      code: 'gov_quality_award',
      wording: '重点服务5家企业争创市级以上政府质量奖',
      goal: 5,
      source: 'recorded',
      basis: 'none',
      latest: null,
      history: [{ month: '2026-10', value: 1, percent: 20 }],
    })
    expect(items[0]).toMatchObject({ code: 'advanced_qms', source: 'derived', basis: 'records' })
  })

  it('refuses bad input with 422 naming the field, by the chat command’s rules', async () => {
    const issues = async (res: Response) => {
      expect(res.status).toBe(422)
      return ((await res.json()) as Issues).issues
    }
    const li = staffIds[STAFF.assignee]!
    expect(await issues(await post({ target: '2', value: 3 }))).toEqual([
      { path: 'staffId', message: expect.stringContaining('请用 staffId 指明') },
    ])
    expect((await issues(await post({ target: '2', value: -1, staffId: li }))).map((i) => i.path)).toEqual(['value'])
    expect((await issues(await post({ target: '2', value: 1.5, staffId: li }))).map((i) => i.path)).toEqual(['value'])
    expect(await issues(await post({ target: 'advanced_qms', value: 3, staffId: li }))).toEqual([
      { path: 'target', message: expect.stringContaining('按企业档案自动统计，无需登记') },
    ])
    expect((await issues(await post({ target: '9', value: 3, staffId: li })))[0]!.path).toBe('target')
    expect((await award()).basis).toBe('none')
  })

  it('records a figure: in the list, the monthly report and card data, and the audit log with before/after', async () => {
    const viaToken = await post({
      target: 'gov_quality_award',
      value: 3,
      note: '已走访三家企业',
      staffId: staffIds[STAFF.assignee],
    })
    expect(viaToken.status).toBe(201)
    expect(await viaToken.json()).toMatchObject({ value: 3, percent: 60, latest: { recordedBy: STAFF.assignee } })

    // A staff member's own session records as themselves (CSRF header required); never as someone else.
    const other = await sessionFor(server.deps, STAFF.other)
    expect((await post({ target: '2', value: 4 }, { cookie: other.cookie })).status).toBe(403)
    const asOther = { cookie: other.cookie, 'x-csrf-token': other.csrf }
    expect((await post({ target: '2', value: 4, staffId: staffIds[STAFF.assignee] }, asOther)).status).toBe(403)
    expect((await post({ target: '2', value: 4, note: '新增一家' }, asOther)).status).toBe(201)

    expect(await award()).toMatchObject({
      value: 4,
      basis: 'recorded',
      latest: { value: 4, recordedBy: STAFF.other, note: '新增一家' },
    })
    const audit = (await (await api('/audit?action=target', { headers: bearer })).json()) as {
      items: { actor: string; via: string; subject: string; before: { value: number }; after: { value: number } }[]
    }
    expect(audit.items[0]).toMatchObject({
      actor: `staff:${other.staffId}`,
      via: 'api',
      subject: 'target:gov_quality_award',
      before: { value: 3, note: '已走访三家企业' },
      after: { value: 4, note: '新增一家', recordedByName: STAFF.other },
    })
    expect(audit.items[1]).toMatchObject({ actor: 'token', before: null, after: { value: 3 } })

    const report = (await (await api('/targets/monthly?month=2026-11', { headers: bearer })).json()) as {
      month: string
      targets: { code: string; value: number }[]
      history: { month: string; values: Record<string, number> }[]
      checkins: { kind: string }[]
      tickets: { opened: number; satisfaction: Record<string, unknown> }
    }
    expect(report.month).toBe('2026-11')
    expect(report.targets.find((t) => t.code === 'gov_quality_award')!.value).toBe(4)
    expect(report.history.map((h) => [h.month, h.values.gov_quality_award])).toEqual([
      ['2026-10', 20],
      ['2026-11', 80],
    ])
    expect(report.checkins.length).toBeGreaterThan(0)
    // What the card shows of the tickets; no score per staff member (the report is for everyone who asks).
    expect(report.tickets).toMatchObject({ opened: 0, satisfaction: { count: 0, average: null, byCategory: [] } })
    expect(report.tickets.satisfaction).not.toHaveProperty('byStaff')
    const data = await monthlyData(server.deps.db, server.deps.clock.now(), '2026-11', { snapshot: false })
    expect(renderCardText(renderMonthlyCard(data, { charts: false })).text).toContain('争创市级以上政府质量奖：4/5家')
  })

  it('answers 422 for a month that is no month', async () => {
    for (const month of ['2026-13', '2026-1', 'november', '2026-11-01']) {
      const res = await api(`/targets/monthly?month=${month}`, { headers: bearer })
      expect(res.status, month).toBe(422)
      expect(((await res.json()) as Issues).issues[0]!.path).toBe('month')
    }
  })
})

describe('the 目标 console page', () => {
  it('shows every role the targets, the chart with its table, and the check-in rates; the form to those who record', async () => {
    const official = await sessionFor(server.deps, STAFF.official)
    const staff = await sessionFor(server.deps, STAFF.other)
    const admin = await sessionFor(server.deps, '管理员')
    for (const who of [official, staff, admin]) {
      const body = await (await page('/targets', { cookie: who.cookie })).text()
      expect(body).toContain('<a href="/admin/targets" class="active">目标</a>')
      expect(body).toContain('重点服务5家企业争创市级以上政府质量奖')
      expect(body).toContain('4/5家')
      expect(body).toMatch(/<progress max="100" value="80"/)
      expect(body).toMatch(/<div aria-hidden="true"><svg style="max-width: 100%; height: auto" /)
      expect(body).toContain('data-testid="course"')
      expect(body).toContain('<th scope="col">2026-10</th>')
      expect(body).toContain('data-testid="checkins"')
      expect(body).toContain('<tr><td>日管控</td><td>2</td><td>1</td><td>0</td><td>1</td><td>50%</td></tr>')
      expect(body).toContain('本月无应反馈的检查')
      expect(body).toContain('data-testid="record-form"')
      expect(body).toContain(`name="_csrf" value="${who.csrf}"`)
    }
    const viaToken = await (await page('/targets', bearer)).text()
    expect(viaToken).toContain('data-testid="read-only"')
    expect(viaToken).not.toContain('data-testid="record-form"')
    expect((await page('/targets/progress', bearer, form({ target: 'gov_quality_award', value: '5' }))).status).toBe(
      403,
    )
  })

  it('records from the form: CSRF required, errors by field, then a notice and the new figure', async () => {
    const official = await sessionFor(server.deps, STAFF.official)
    const fields = { target: 'gov_quality_award', value: '5', note: '第五家已申报' }
    const noCsrf = await page('/targets/progress', { cookie: official.cookie }, form(fields))
    expect(noCsrf.status).toBe(403)
    expect((await award()).value).toBe(4)

    const bad = await page(
      '/targets/progress',
      { cookie: official.cookie },
      form({ ...fields, value: '五', _csrf: official.csrf }),
    )
    expect(bad.status).toBe(422)
    const badBody = await bad.text()
    expect(badBody).toContain('登记未成功，请按提示修改。')
    expect(badBody).toMatch(/<span id="err-value" role="alert"[^>]*>数值须为 0 至 100000 之间的整数。<\/span>/)
    expect(badBody).toContain('value="第五家已申报"')
    const derived = await page(
      '/targets/progress',
      { cookie: official.cookie },
      form({ ...fields, target: 'pinzibiao', _csrf: official.csrf }),
    )
    expect(await derived.text()).toMatch(/id="err-target"[^>]*>“品字标”认证按企业档案自动统计，无需登记/)

    const ok = await page('/targets/progress', { cookie: official.cookie }, form({ ...fields, _csrf: official.csrf }))
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe('/admin/targets?r=recorded&t=gov_quality_award')
    const after = await (
      await page(ok.headers.get('location')!.replace('/admin', ''), { cookie: official.cookie })
    ).text()
    expect(after).toContain('已登记“争创市级以上政府质量奖”的进展，并记入操作日志。')
    expect(after).toContain('5/5家')
    const entry = await server.deps.db.auditEntry.findFirstOrThrow({
      where: { action: 'target.record' },
      orderBy: { id: 'desc' },
    })
    expect(entry).toMatchObject({ actor: `staff:${official.staffId}`, via: 'console' })
    expect(JSON.parse(entry.before!)).toMatchObject({ value: 4 })
    expect(JSON.parse(entry.after!)).toMatchObject({ value: 5, note: '第五家已申报' })
  })
})
