// Signing in to the console with Feishu and DingTalk web OAuth, against the fake platforms: the account must be a
// staff member's linked account; the session cookie is HttpOnly, SameSite and (when configured) Secure; a forged
// state is refused; sign-out and the idle timeout end the session.
import { describe, expect, it } from 'vitest'
import { loadStaffFile } from '../../src/features/staff/staff.repo.ts'
import { withDingtalk } from '../helpers/dingtalk.ts'
import { withFeishu } from '../helpers/feishu.ts'

interface Browserish {
  cookies: Map<string, string>
  get(url: string): Promise<Response>
  post(url: string, form: Record<string, string>): Promise<Response>
}

/** Follows nothing by itself and keeps cookies, like a browser without JavaScript, step by step. */
function browser(): Browserish {
  const cookies = new Map<string, string>()
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const [name, value] = pair!.split('=') as [string, string]
      if (value === '' || /Max-Age=0/i.test(line)) cookies.delete(name)
      else cookies.set(name, value)
    }
    return res
  }
  const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  return {
    cookies,
    get: async (url) => keep(await fetch(url, { redirect: 'manual', headers: { cookie: cookie() } })),
    post: async (url, form) =>
      keep(
        await fetch(url, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(form),
        }),
      ),
  }
}

async function signIn(b: Browserish, base: string, provider: string) {
  const start = await b.get(`${base}/admin/auth/${provider}/start?next=/admin/enterprises`)
  expect(start.status).toBe(302)
  const authorize = await b.get(start.headers.get('location')!)
  expect(authorize.status).toBe(302)
  return b.get(authorize.headers.get('location')!)
}

describe('Feishu sign-in', () => {
  const feishu = withFeishu({ env: { CONSOLE_SECURE_COOKIES: 'on' } })
  const env = () => feishu.server

  it('signs a linked staff member in, with a HttpOnly, Secure, SameSite cookie, and out again', async () => {
    await loadStaffFile(env().deps.db, {
      staff: [{ name: '认证科长', department: '认证检测科', role: 'official', identities: { feishu: 'ou_official' } }],
    })
    feishu.fake.signInAs({ openId: 'ou_official', name: '认证科长' })
    const b = browser()
    const back = await signIn(b, env().url, 'feishu')
    expect(back.status).toBe(303)
    expect(back.headers.get('location')).toBe('/admin/enterprises')
    const setCookie = back.headers.getSetCookie().find((c) => c.startsWith('qs_session='))!
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/Secure/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    expect(setCookie).toMatch(/Path=\/admin/i)
    const page = await b.get(`${env().url}/admin/tickets`)
    expect(page.status).toBe(200)
    const text = await page.text()
    expect(text).toContain('认证科长 · 认证检测科 · 审批领导')
    expect(text).not.toContain('任务与消息') // not an admin
    const audit = await env().deps.db.auditEntry.findFirstOrThrow({ where: { action: 'session.sign_in' } })
    expect(audit.after).toContain('feishu')

    const csrf = /name="_csrf" value="([^"]+)"/.exec(text)![1]!
    const forged = await b.post(`${env().url}/admin/sign-out`, { _csrf: 'forged' })
    expect(forged.status).toBe(403)
    const out = await b.post(`${env().url}/admin/sign-out`, { _csrf: csrf })
    expect(out.headers.get('location')).toBe('/admin/sign-in')
    expect(await env().deps.db.consoleSession.count()).toBe(0)
    expect((await b.get(`${env().url}/admin/tickets`)).status).toBe(302)
  })

  it('refuses an account that is not in the staff directory, and a forged state', async () => {
    feishu.fake.signInAs({ openId: 'ou_stranger', name: '陌生人' })
    const b = browser()
    const back = await signIn(b, env().url, 'feishu')
    expect(back.headers.get('location')).toBe('/admin/sign-in?error=unknown')
    expect(b.cookies.has('qs_session')).toBe(false)
    const page = await (await b.get(`${env().url}/admin/sign-in?error=unknown`)).text()
    expect(page).toContain('尚未登记为工作人员')

    const other = browser()
    const start = await other.get(`${env().url}/admin/auth/feishu/start`)
    const authorize = await other.get(start.headers.get('location')!)
    const callback = new URL(authorize.headers.get('location')!)
    callback.searchParams.set('state', 'forged')
    const forged = await other.get(callback.toString())
    expect(forged.headers.get('location')).toBe('/admin/sign-in?error=state')
  })

  it('ends a session left idle past CONSOLE_IDLE_MINUTES', async () => {
    await loadStaffFile(env().deps.db, {
      staff: [{ name: '管理员甲', department: '办公室', role: 'admin', identities: { feishu: 'ou_admin' } }],
    })
    feishu.fake.signInAs({ openId: 'ou_admin', name: '管理员甲' })
    const b = browser()
    await signIn(b, env().url, 'feishu')
    expect((await b.get(`${env().url}/admin/jobs`)).status).toBe(200)
    env().clock.advance(31 * 60_000)
    const after = await b.get(`${env().url}/admin/jobs`)
    expect(after.status).toBe(302)
    expect(after.headers.get('location')).toBe('/admin/sign-in?next=%2Fadmin%2Fjobs')
  })
})

describe('DingTalk sign-in', () => {
  const dingtalk = withDingtalk()

  it('maps the unionId to the staff userId and signs the person in', async () => {
    const { server, fake } = dingtalk
    await loadStaffFile(server.deps.db, {
      staff: [{ name: '李工', department: '认证检测科', identities: { dingtalk: 'staff-li' } }],
    })
    fake.signInAs({ userId: 'staff-li', unionId: 'union-li', nick: '李工' })
    const b = browser()
    const back = await signIn(b, server.url, 'dingtalk')
    expect(back.headers.get('location')).toBe('/admin/enterprises')
    const page = await (await b.get(`${server.url}/admin/tickets`)).text()
    expect(page).toContain('李工 · 认证检测科 · 工作人员')
  })
})
