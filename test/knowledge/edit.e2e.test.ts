// Editing a knowledge entry from the console and the admin API, over HTTP against the real server and SQLite: the
// preview (the real answer card and the evaluation before/after), the server-side gate that refuses an edit making
// answers worse, field-level errors, who may edit, CSRF, the audit log, the bot answering with the edit at once,
// and a second instance on the same database picking the edit up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadKnowledgeService } from '../../src/features/knowledge/node.ts'
import { loadStaffFile } from '../../src/features/staff/staff.repo.ts'
import { bearer, sessionFor, TOKEN } from '../admin/fixtures.ts'
import { PG_SERVER_URL, postgresAvailable } from '../helpers/db.ts'
import { startTestServer, type TestServer, waitFor } from '../helpers/server.ts'
import { STAFF, seedPeople } from '../tickets/fixtures.ts'

const pgUp = await postgresAvailable()
if (!pgUp) console.warn(`\n⚠ PostgreSQL tests SKIPPED (knowledge edits): no server answers at ${PG_SERVER_URL}\n`)

const ADMIN = '知识库管理员'
// Stopwords only (谢谢 is one): the index barely changes, so no borderline question among thousands moves.
const ADDED = '谢谢。'
const QUESTION = '检验检测费用能减免吗？'

let server: TestServer
let admin: { cookie: string; csrf: string }
let staff: { cookie: string; csrf: string }
let fileAnswer: string

// Each instance gets a knowledge service of its own, as separate processes would.
const freshKnowledge = async () => (await loadKnowledgeService('knowledge')).service

beforeAll(async () => {
  server = await startTestServer({ env: { ADMIN_TOKEN: TOKEN }, knowledge: await freshKnowledge() })
  await seedPeople(server.deps)
  await loadStaffFile(server.deps.db, { staff: [{ name: ADMIN, department: '办公室', role: 'admin' }] })
  admin = await sessionFor(server.deps, ADMIN)
  staff = await sessionFor(server.deps, STAFF.assignee)
  fileAnswer = server.deps.knowledge.get('fee-waiver')!.answer
})
afterAll(() => server?.close())

/** What a visitor in the simulator sees for a question (the cards as HTML). */
async function ask(on: TestServer, text: string) {
  const res = await fetch(`${on.url}/simulator/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'kedit-visitor', text }),
  })
  const body = (await res.json()) as { view: { items: { html: string }[] } }
  return body.view.items.map((i) => i.html).join('')
}

function form(session: { cookie: string; csrf: string } | null, fields: Record<string, string>, csrf = true) {
  const body = new URLSearchParams({ ...fields, ...(csrf && session ? { _csrf: session.csrf } : {}) })
  return {
    method: 'POST',
    redirect: 'manual' as const,
    headers: { cookie: session?.cookie ?? '', 'content-type': 'application/x-www-form-urlencoded' },
    body,
  }
}

const page = (path: string, session: { cookie: string }) =>
  fetch(`${server.url}${path}`, { headers: { cookie: session.cookie }, redirect: 'manual' })

/** The fee-waiver entry's fields as the file has them, with another answer (as the API takes them). */
const feeWaiverFields = (answer: string) => {
  const { title, keywords, synonyms } = server.deps.knowledge.base.entries.find((e) => e.id === 'fee-waiver')!
  return { title, keywords, synonyms, answer }
}
/** … as the console's form sends them (one word a line). */
const feeWaiver = (answer: string) => {
  const f = feeWaiverFields(answer)
  return { ...f, keywords: f.keywords.join('\n'), synonyms: f.synonyms.join('、') }
}

const revisions = () => server.deps.db.knowledgeRevision.count()

describe('the console', () => {
  it('shows admins an 编辑 link and everyone else the list only; others are refused the edit page', async () => {
    expect(await (await page('/admin/knowledge', admin)).text()).toContain('href="/admin/knowledge/fee-waiver/edit"')
    const list = await (await page('/admin/knowledge', staff)).text()
    expect(list).toContain('检验检测费用减免与仪器设备开放共享')
    expect(list).not.toContain('/edit"')
    expect((await page('/admin/knowledge/fee-waiver/edit', staff)).status).toBe(403)
    const post = await fetch(
      `${server.url}/admin/knowledge/fee-waiver/edit`,
      form(staff, { ...feeWaiver(`${fileAnswer}${ADDED}`), op: 'save' }),
    )
    expect(post.status).toBe(403)
    expect(await revisions()).toBe(0)
  })

  it('previews the real answer card and the evaluation before and after, saving nothing', async () => {
    const res = await fetch(
      `${server.url}/admin/knowledge/fee-waiver/edit`,
      form(admin, { ...feeWaiver(`${fileAnswer}${ADDED}`), op: 'preview' }),
    )
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('data-template="policy-answer"')
    expect(html).toContain(ADDED)
    expect(html).toContain('冻结留出集')
    expect(html).toContain('正确条款排第一')
    expect(html).toContain('尚未保存')
    expect(await revisions()).toBe(0)
    expect(await ask(server, QUESTION)).not.toContain(ADDED)
  })

  it('refuses a form without its CSRF token', async () => {
    const res = await fetch(
      `${server.url}/admin/knowledge/fee-waiver/edit`,
      form(admin, { ...feeWaiver(`${fileAnswer}${ADDED}`), op: 'save' }, false),
    )
    expect(res.status).toBe(403)
    expect(await revisions()).toBe(0)
  })

  it('names the field at fault, keeping what was typed: a figure the cited clause does not contain', async () => {
    const typed = `${fileAnswer}每家企业最高减免50万元。`
    const res = await fetch(
      `${server.url}/admin/knowledge/fee-waiver/edit`,
      form(admin, { ...feeWaiver(typed), op: 'save' }),
    )
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('“50万”不在所引条款的原文中')
    expect(html).toContain(typed)
    expect(await revisions()).toBe(0)
  })

  it('refuses an edit that makes answers worse, with the reasons, keeping the text', async () => {
    const res = await fetch(
      `${server.url}/admin/knowledge/quality-loan/edit`,
      form(admin, {
        title: '“质量贷”“标准贷”等金融政策',
        keywords: '其他',
        synonyms: '',
        answer: server.deps.knowledge.get('quality-loan')!.answer,
        op: 'save',
      }),
    )
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('修改会让回答变差，未保存')
    expect(html).toMatch(/正确条款排第一”由 \d+\/\d+ 变为 \d+\/\d+/)
    expect(html).toContain('>其他</textarea>')
    expect(await revisions()).toBe(0)
    expect(server.deps.knowledge.get('quality-loan')!.keywords).not.toEqual(['其他'])
  })

  it('saves an edit that holds, the bot answers with it at once, and the audit log has before and after', async () => {
    const res = await fetch(
      `${server.url}/admin/knowledge/fee-waiver/edit`,
      form(admin, { ...feeWaiver(`${fileAnswer}${ADDED}`), op: 'save' }),
    )
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/admin/knowledge?saved=fee-waiver')
    expect(await (await page('/admin/knowledge?saved=fee-waiver', admin)).text()).toContain('工作台已修改')
    expect(await ask(server, QUESTION)).toContain(ADDED)

    const audit = (await (
      await fetch(`${server.url}/admin/api/audit?subject=knowledge:fee-waiver`, { headers: bearer })
    ).json()) as {
      items: { action: string; actorName: string; via: string; before: { answer: string }; after: { answer: string } }[]
    }
    expect(audit.items).toHaveLength(1)
    expect(audit.items[0]).toMatchObject({ action: 'knowledge.edit', actorName: ADMIN, via: 'console' })
    expect(audit.items[0]!.before.answer).toBe(fileAnswer)
    expect(audit.items[0]!.after.answer).toBe(`${fileAnswer}${ADDED}`)

    const exported = await page('/admin/knowledge/fee-waiver/export', admin)
    expect(exported.headers.get('content-disposition')).toContain('fee-waiver.md')
    expect(await exported.text()).toContain(`${fileAnswer}${ADDED}\n\n## 原文`)
  })

  it('reaches a second instance on the same database on its next messages', async () => {
    const second = await startTestServer({
      databaseUrl: server.config.env.DATABASE_URL,
      knowledge: await freshKnowledge(),
    })
    try {
      expect(second.deps.knowledge.get('fee-waiver')!.answer).toBe(fileAnswer)
      await waitFor(async () => (await ask(second, QUESTION)).includes(ADDED), 5000, 'the edit on the second instance')
    } finally {
      await second.close()
    }
  })
})

describe('the admin API', () => {
  const api = (path: string, method: string, body?: unknown, headers: Record<string, string> = bearer) =>
    fetch(`${server.url}/admin/api${path}`, {
      method,
      headers: { ...headers, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  const loan = () => {
    const e = server.deps.knowledge.get('quality-loan')!
    return { title: e.title, keywords: e.keywords, synonyms: e.synonyms, answer: e.answer }
  }

  it('shows the effective entry and how often it was edited', async () => {
    const got = (await (await api('/knowledge/fee-waiver', 'GET')).json()) as {
      answer: string
      revisions: number
      edited: boolean
    }
    expect(got).toMatchObject({ answer: `${fileAnswer}${ADDED}`, revisions: 1, edited: true })
    const list = (await (await api('/knowledge', 'GET')).json()) as { items: { id: string; revisions: number }[] }
    expect(list.items.find((e) => e.id === 'fee-waiver')).toMatchObject({
      answer: `${fileAnswer}${ADDED}`,
      revisions: 1,
    })
    expect(list.items.find((e) => e.id === 'quality-loan')).toMatchObject({ revisions: 0, edited: false })
  })

  it('answers 422 with field-level messages', async () => {
    const res = await api('/knowledge/quality-loan', 'PUT', { ...loan(), keywords: [], answer: '' })
    expect(res.status).toBe(422)
    const body = (await res.json()) as { error: string; issues: { path: string }[] }
    expect(body.error).toBe('validation_failed')
    expect(body.issues.map((i) => i.path.split('.')[0]).sort()).toEqual(['answer', 'keywords'])

    const figure = await api('/knowledge/quality-loan', 'PUT', { ...loan(), answer: '贷款额度最高500万元。' })
    expect(figure.status).toBe(422)
    const figureBody = (await figure.json()) as { issues: { path: string; message: string }[] }
    expect(figureBody.issues).toEqual([{ path: 'answer', message: expect.stringContaining('500万') }])
  })

  it('answers 422 with the deltas of the measures an edit makes worse; the preview saves nothing', async () => {
    const worse = { ...loan(), keywords: ['其他'], synonyms: [] }
    const preview = await api('/knowledge/quality-loan/preview', 'POST', worse)
    expect(preview.status).toBe(200)
    const previewed = (await preview.json()) as { saved: boolean; evaluation: { regressions: unknown[]; ms: number } }
    expect(previewed.saved).toBe(false)
    expect(previewed.evaluation.regressions.length).toBeGreaterThan(0)

    const res = await api('/knowledge/quality-loan', 'PUT', worse)
    expect(res.status).toBe(422)
    const body = (await res.json()) as {
      error: string
      evaluation: { regressions: { measure: string; before: { ok: number }; after: { ok: number } }[] }
    }
    expect(body.error).toBe('evaluation_worse')
    const [first] = body.evaluation.regressions
    expect(first!.measure).toBe('rightFirst')
    expect(first!.after.ok).toBeLessThan(first!.before.ok)
    expect((await (await api('/knowledge/quality-loan', 'GET')).json()).revisions).toBe(0)
  })

  it('lets only admins edit', async () => {
    const res = await api('/knowledge/quality-loan', 'PUT', loan(), {
      cookie: staff.cookie,
      'x-csrf-token': staff.csrf,
    })
    expect(res.status).toBe(403)
  })

  it('reverts to the file version as one more revision, and lists the routes in the OpenAPI document', async () => {
    const res = await api('/knowledge/fee-waiver/revert', 'POST')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { saved: boolean; entry: { answer: string; revisions: number; edited: boolean } }
    expect(body).toMatchObject({ saved: true, entry: { answer: fileAnswer, revisions: 2, edited: false } })
    expect(await ask(server, QUESTION)).not.toContain(ADDED)

    const doc = (await (await api('/openapi.json', 'GET')).json()) as { paths: Record<string, Record<string, unknown>> }
    expect(Object.keys(doc.paths['/admin/api/knowledge/{entryId}'] ?? doc.paths['/knowledge/{entryId}']!)).toEqual(
      expect.arrayContaining(['get', 'put']),
    )
  })
})

describe('on PostgreSQL', () => {
  it.skipIf(!pgUp)('saves an edit and its audit entry in one transaction, and a second instance sees it', async () => {
    const first = await startTestServer({
      env: { ADMIN_TOKEN: TOKEN },
      database: 'postgresql',
      knowledge: await freshKnowledge(),
    })
    const second = await startTestServer({
      databaseUrl: first.config.env.DATABASE_URL,
      knowledge: await freshKnowledge(),
    })
    try {
      const res = await fetch(`${first.url}/admin/api/knowledge/fee-waiver`, {
        method: 'PUT',
        headers: { ...bearer, 'content-type': 'application/json' },
        body: JSON.stringify(feeWaiverFields(`${fileAnswer}${ADDED}`)),
      })
      expect(res.status).toBe(200)
      expect(await first.deps.db.auditEntry.count({ where: { action: 'knowledge.edit' } })).toBe(1)
      await waitFor(async () => (await ask(second, QUESTION)).includes(ADDED), 5000, 'the edit on the second instance')
    } finally {
      await second.close()
      await first.close()
    }
  })
})
