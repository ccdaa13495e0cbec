// Every way into /admin without signing in is refused, however the path is written (encoded dots and slashes, dot
// segments, doubled slashes, percent-encoded letters), before anything is answered; wrong tokens are rate-limited
// per client; and the OpenAPI document is well formed.
import { beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, withServer } from '../helpers/server.ts'
import { bearer, rawGet, seedTicketWaiting, TOKEN } from './fixtures.ts'

const server = withServer({ once: true, env: { ADMIN_TOKEN: TOKEN } })
beforeAll(async () => {
  await seedTicketWaiting(server.deps)
})

const SNEAKY = [
  '/admin/api/tickets',
  '/admin/api/%2e%2e/tickets',
  '/admin/api/%2E%2E/api/tickets',
  '/admin/api/tickets/%2e%2e/%2e%2e/api/audit',
  '/admin/api/..%2ftickets',
  '/admin/api/.%2e/api/tickets',
  '/admin/./api/tickets',
  '/admin//api/tickets',
  '/admin/api//tickets',
  '/admin%2fapi/tickets',
  '/admin/api%2ftickets',
  '/%61dmin/api/tickets',
  '/admin/%61pi/tickets',
  '/admin/api/tickets%00',
  '/admin/api/tickets/1',
  '/admin/api/openapi.json',
  '/admin/sign-in/../api/tickets',
  '/admin/assets/../api/tickets',
  '/admin/tickets',
  '/admin/audit',
  '/admin',
  '/admin/',
  '/admin/nothing-here',
]

describe('the door of /admin', () => {
  it.each(SNEAKY)('refuses %s without a session or token, and leaks nothing', async (path) => {
    const res = await rawGet(server.url, path)
    expect([400, 401, 302, 404]).toContain(res.status)
    if (res.status === 302) expect(res.location).toMatch(/^\/admin\/sign-in/)
    expect(res.body).not.toMatch(/QS-2026|示例鞋业|认证检测科|openapi|李工/)
  })

  it('lets the token through the plain path and refuses encoded slashes and doubled ones even with it', async () => {
    expect((await rawGet(server.url, '/admin/api/tickets', bearer)).status).toBe(200)
    // (Dot segments, encoded or not, are resolved by the URL parser before routing: /admin/api/%2e%2e/api/tickets
    // is /admin/api/tickets, and the guard sees that.)
    for (const path of ['/admin/api//tickets', '/admin%2fapi/tickets', '/admin/api%2ftickets']) {
      const res = await rawGet(server.url, path, bearer)
      expect([400, 404], path).toContain(res.status)
    }
  })

  it('shows the sign-in page and the stylesheet without a session, and nothing else', async () => {
    const signIn = await rawGet(server.url, '/admin/sign-in')
    expect([200, 404]).toContain(signIn.status)
    expect(signIn.body).not.toMatch(/QS-2026|示例鞋业/)
  })
})

describe('wrong tokens', () => {
  it('are counted per client: the eleventh try within the window is refused with Retry-After', async () => {
    const fresh = await startTestServer({ env: { ADMIN_TOKEN: TOKEN } })
    try {
      for (let i = 0; i < 10; i++) {
        const res = await fetch(`${fresh.url}/admin/api/tickets`, { headers: { authorization: `Bearer guess-${i}` } })
        expect(res.status).toBe(401)
      }
      const blocked = await fetch(`${fresh.url}/admin/api/tickets`, { headers: bearer })
      expect(blocked.status).toBe(429)
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    } finally {
      await fresh.close()
    }
  })
})

type Json = Record<string, unknown>

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with every operation answered, every reference resolved and every tag declared', async () => {
    const doc = (await (await fetch(`${server.url}/admin/api/openapi.json`, { headers: bearer })).json()) as Json
    expect(doc.openapi).toBe('3.1.0')
    expect((doc.info as Json).title).toBeTruthy()
    const tags = new Set(((doc.tags ?? []) as { name: string }[]).map((t) => t.name))
    const schemes = Object.keys(((doc.components as Json).securitySchemes ?? {}) as Json)
    expect(schemes.sort()).toEqual(['bearer', 'session'])
    const schemas = ((doc.components as Json).schemas ?? {}) as Json
    const refs: string[] = []
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk)
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === '$ref') refs.push(String(v))
          else walk(v)
        }
      }
    }
    walk(doc)
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//)
      expect(schemas, ref).toHaveProperty(ref.split('/').pop()!)
    }
    const paths = doc.paths as Record<string, Record<string, Json>>
    const operations = Object.entries(paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ path, method, op })),
    )
    expect(operations.length).toBeGreaterThanOrEqual(18)
    for (const { path, method, op } of operations) {
      const where = `${method} ${path}`
      expect(['get', 'post', 'put', 'patch', 'delete'], where).toContain(method)
      expect(op.summary, where).toBeTruthy()
      const responses = op.responses as Record<string, Json>
      expect(Object.keys(responses), where).toContain('401')
      for (const r of Object.values(responses)) expect(r.description, where).toBeTruthy()
      for (const tag of op.tags as string[]) expect(tags, where).toContain(tag)
      for (const s of op.security as Json[]) for (const name of Object.keys(s)) expect(schemes).toContain(name)
      const declared = ((op.parameters ?? []) as Json[]).filter((p) => p.in === 'path').map((p) => p.name)
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])
      expect(declared.sort(), where).toEqual(templated.sort())
    }
    expect(paths['/tickets/{id}/decision']?.post).toBeTruthy()
  })

  it('has a reference page listing the operations, with no outside scripts or styles', async () => {
    const res = await fetch(`${server.url}/admin/api/docs`, { headers: bearer })
    const html = await res.text()
    expect(html).toContain('/admin/api/tickets/{id}/decision')
    expect(html).toContain('审批')
    expect(html).not.toMatch(/<script|https?:\/\/(?!127)/)
  })
})
