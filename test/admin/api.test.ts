// The admin API over HTTP: who gets in (token, session, CSRF), how input is refused (422 with field-level
// messages), pagination, and deciding a ticket with the card's own rules and version check.
import { beforeAll, describe, expect, it } from 'vitest'
import { withServer } from '../helpers/server.ts'
import { STAFF } from '../tickets/fixtures.ts'
import { bearer, seedTicketWaiting, sessionFor, TOKEN } from './fixtures.ts'

const server = withServer({ once: true, env: { ADMIN_TOKEN: TOKEN } })
let ticketId: number
let otherTicketId: number

beforeAll(async () => {
  const seeded = await seedTicketWaiting(server.deps)
  ticketId = seeded.ticket.id
  otherTicketId = seeded.other.id
})

const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}/admin/api${path}`, init)
const json = (body: unknown, headers: Record<string, string> = bearer) => ({
  headers: { ...headers, 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

describe('signing in to the API', () => {
  it('refuses without a token, with a wrong one, and says nothing else', async () => {
    for (const path of ['/tickets', '/openapi.json', '/docs', '/audit', '/no-such-thing']) {
      const res = await api(path)
      expect(res.status, path).toBe(401)
      const body = await res.text()
      expect(body).not.toContain('QS-2026')
      expect(body).not.toContain('openapi')
    }
    const wrong = await api('/tickets', { headers: { authorization: `Bearer ${TOKEN}x` } })
    expect(wrong.status).toBe(401)
    const notBearer = await api('/tickets', { headers: { authorization: `Basic ${btoa(`admin:${TOKEN}`)}` } })
    expect(notBearer.status).toBe(401)
  })

  it('lets the token in', async () => {
    const res = await api('/tickets', { headers: bearer })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
  })
})

describe('validation and pagination', () => {
  it('answers 422 naming the field, e.g. a credit code whose check character is wrong', async () => {
    const put = await api('/enterprises', {
      method: 'PUT',
      ...json({ name: '示例眼镜有限公司', creditCode: '91330304MA2CT00019', industry: '眼镜', size: '巨型' }),
    })
    expect(put.status).toBe(422)
    const body = (await put.json()) as { error: string; issues: { path: string; message: string }[] }
    expect(body.error).toBe('validation_failed')
    expect(body.issues.map((i) => i.path).sort()).toEqual(['creditCode', 'size'])
    expect(body.issues.find((i) => i.path === 'creditCode')!.message).toContain('checksum')

    const page = await api('/enterprises?pageSize=1000', { headers: bearer })
    expect(page.status).toBe(422)
    expect(((await page.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe('pageSize')

    const malformed = await api('/enterprises', {
      method: 'PUT',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: '{"name": ',
    })
    expect(malformed.status).toBe(400)
  })

  it('pages through a list: items, page, pageSize and the total', async () => {
    for (const [name, code] of [
      ['分页一号鞋业（测试）', '91330304MA2CT00018'],
      ['分页二号眼镜（测试）', '91330304MA2CT0002B'],
      ['分页三号锁业（测试）', '91330304MA2CT0003E'],
    ] as const) {
      const put = await api('/enterprises', { method: 'PUT', ...json({ name, creditCode: code, industry: '其他' }) })
      expect(put.status, `${name}: ${await put.clone().text()}`).toBe(200)
    }
    const first = (await (await api('/enterprises?q=分页&pageSize=2', { headers: bearer })).json()) as {
      items: { name: string }[]
      total: number
      page: number
    }
    expect(first.total).toBe(3)
    expect(first.items.map((i) => i.name)).toEqual(['分页一号鞋业（测试）', '分页二号眼镜（测试）'])
    const second = (await (await api('/enterprises?q=分页&pageSize=2&page=2', { headers: bearer })).json()) as {
      items: { name: string }[]
      page: number
    }
    expect(second.page).toBe(2)
    expect(second.items.map((i) => i.name)).toEqual(['分页三号锁业（测试）'])
  })

  it('records who changed an enterprise, before and after', async () => {
    const put = await api('/enterprises', {
      method: 'PUT',
      ...json({ name: '分页一号鞋业（更名）', creditCode: '91330304MA2CT00018', industry: '鞋服', town: '娄桥街道' }),
    })
    expect(((await put.json()) as { created: boolean }).created).toBe(false)
    const audit = (await (await api('/audit?action=enterprise', { headers: bearer })).json()) as {
      items: { actor: string; via: string; before: { name: string }; after: { name: string } }[]
    }
    expect(audit.items[0]).toMatchObject({
      actor: 'token',
      via: 'api',
      before: { name: '分页一号鞋业（测试）' },
      after: { name: '分页一号鞋业（更名）' },
    })
  })
})

describe('tickets: seeing and deciding', () => {
  it('shows an official their department, staff their own work, an admin everything', async () => {
    const numbers = async (headers: Record<string, string>) =>
      ((await (await api('/tickets', { headers })).json()) as { items: { number: string }[] }).items
        .map((t) => t.number)
        .sort()
    const official = await sessionFor(server.deps, STAFF.official)
    const other = await sessionFor(server.deps, STAFF.other)
    expect(await numbers({ cookie: official.cookie })).toEqual(['QS-2026-000001'])
    expect(await numbers({ cookie: other.cookie })).toEqual(['QS-2026-000002'])
    expect(await numbers(bearer)).toEqual(['QS-2026-000001', 'QS-2026-000002'])
    const hidden = await api(`/tickets/${otherTicketId}`, { headers: { cookie: official.cookie } })
    expect(hidden.status).toBe(404)
    const overdue = (await (await api('/tickets?overdue=true', { headers: bearer })).json()) as {
      items: { number: string; overdue: string }[]
    }
    expect(overdue.items).toEqual([expect.objectContaining({ number: 'QS-2026-000002', overdue: 'first_response' })])
  })

  it('needs the session CSRF token for a write', async () => {
    const official = await sessionFor(server.deps, STAFF.official)
    const res = await api(`/tickets/${ticketId}/decision`, {
      method: 'POST',
      ...json({ decision: 'approve', version: 1 }, { cookie: official.cookie }),
    })
    expect(res.status).toBe(403)
    expect((await server.deps.db.ticket.findUniqueOrThrow({ where: { id: ticketId } })).status).toBe('pending_approval')
  })

  it('refuses another department, a stale version and a token without a staff member; decides once', async () => {
    const other = await sessionFor(server.deps, STAFF.other)
    const official = await sessionFor(server.deps, STAFF.official)
    const decide = (who: { cookie: string; csrf: string }, body: Record<string, unknown>) =>
      api(`/tickets/${ticketId}/decision`, {
        method: 'POST',
        ...json(body, { cookie: who.cookie, 'x-csrf-token': who.csrf }),
      })

    const foreign = await decide(other, { decision: 'approve', version: 1 })
    expect(foreign.status).toBe(403)
    expect(((await foreign.json()) as { message: string }).message).toContain('没有办理此操作的权限')

    const tokenAlone = await api(`/tickets/${ticketId}/decision`, {
      method: 'POST',
      ...json({ decision: 'approve', version: 1 }),
    })
    expect(tokenAlone.status).toBe(422)

    const stale = await decide(official, { decision: 'approve', version: 0 + 2 })
    expect(stale.status).toBe(409)

    const [first, second] = await Promise.all([
      decide(official, { decision: 'approve', version: 1, comment: '同意减免' }),
      decide(official, { decision: 'reject', version: 1 }),
    ])
    expect([first.status, second.status].sort()).toEqual([200, 409])
    const ticket = await server.deps.db.ticket.findUniqueOrThrow({ where: { id: ticketId } })
    expect(['approved', 'rejected']).toContain(ticket.status)
    const decisions = await server.deps.db.ticketEvent.count({
      where: { ticketId, action: { in: ['approved', 'rejected'] } },
    })
    expect(decisions).toBe(1)

    const audit = await server.deps.db.auditEntry.findFirstOrThrow({ where: { subject: `ticket:${ticketId}` } })
    expect(audit).toMatchObject({ actor: `staff:${official.staffId}`, via: 'api' })
    expect(JSON.parse(audit.before!)).toMatchObject({ status: 'pending_approval', version: 1 })
  })

  it('reassigns to a named person with the token, on behalf of the assignee', async () => {
    const ticket = await server.deps.db.ticket.findUniqueOrThrow({ where: { id: otherTicketId } })
    const target = await server.deps.db.staff.findFirstOrThrow({ where: { name: STAFF.assignee } })
    const res = await api(`/tickets/${otherTicketId}/reassign`, {
      method: 'POST',
      ...json({ to: target.id, version: ticket.version, staffId: ticket.assigneeId }),
    })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { assignee: string }).assignee).toBe(STAFF.assignee)
    const approved = await server.deps.db.ticket.findUniqueOrThrow({ where: { id: ticketId } })
    const refused = await api(`/tickets/${ticketId}/reassign`, {
      method: 'POST',
      ...json({ to: target.id, version: approved.version, staffId: approved.assigneeId }),
    })
    expect(refused.status).toBe(409)
  })
})

describe('jobs, outbox and the directory', () => {
  it('lists the jobs and runs one now, once a minute', async () => {
    const jobs = (await (await api('/jobs', { headers: bearer })).json()) as { items: { name: string }[] }
    expect(jobs.items.map((j) => j.name)).toContain('ticket-sla')
    const run = await api('/jobs/ticket-sla/run', { method: 'POST', headers: bearer })
    expect(await run.json()).toEqual({ outcome: 'ran' })
    const again = await api('/jobs/ticket-sla/run', { method: 'POST', headers: bearer })
    expect(await again.json()).toEqual({ outcome: 'skipped' })
    expect((await api('/jobs/nope/run', { method: 'POST', headers: bearer })).status).toBe(404)
  })

  it('shows the outbox by status and retries a dead message', async () => {
    const dead = await server.deps.db.outbox.create({
      data: { platform: 'nowhere', targetKind: 'chat', target: 'c1', payload: '{}', status: 'dead', attempts: 8 },
    })
    const list = (await (await api('/outbox?status=dead', { headers: bearer })).json()) as {
      counts: Record<string, number>
      items: { id: number }[]
    }
    expect(list.counts.dead).toBeGreaterThanOrEqual(1)
    expect(list.items.map((i) => i.id)).toContain(dead.id)
    expect((await api(`/outbox/${dead.id}/retry`, { method: 'POST', headers: bearer })).status).toBe(200)
    expect((await server.deps.db.outbox.findUniqueOrThrow({ where: { id: dead.id } })).attempts).toBe(0)
    expect((await api(`/outbox/${dead.id}/retry`, { method: 'POST', headers: bearer })).status).toBe(409)
  })

  it('keeps writes and the outbox for admins', async () => {
    const staff = await sessionFor(server.deps, STAFF.assignee)
    const headers = { cookie: staff.cookie, 'x-csrf-token': staff.csrf }
    expect((await api('/outbox', { headers })).status).toBe(403)
    expect((await api('/audit', { headers })).status).toBe(403)
    const put = await api('/standards', {
      method: 'PUT',
      ...json(
        { code: 'T/ZZB 0001-2026', name: '测试标准', industry: '鞋服', kind: '浙江制造', status: '已发布' },
        headers,
      ),
    })
    expect(put.status).toBe(403)
    const staffList = (await (await api('/staff', { headers })).json()) as { items: Record<string, unknown>[] }
    expect(staffList.items[0]).not.toHaveProperty('identities')
  })

  it('lists knowledge entries and the eligibility rules read-only', async () => {
    const entries = (await (await api('/knowledge', { headers: bearer })).json()) as { items: { id: string }[] }
    expect(entries.items.length).toBeGreaterThan(0)
    const rules = (await (await api('/eligibility-rules', { headers: bearer })).json()) as { programmes: unknown[] }
    expect(rules.programmes.length).toBeGreaterThan(0)
  })
})
