// Signing in and out of the console. People sign in with the Feishu or DingTalk account the staff directory links
// to them (web OAuth, providers.ts); the account must belong to an active staff member, whose role then decides what
// they see. Locally, without any platform, CONSOLE_DEV_SIGNIN lets one pick a demo staff member instead (off by
// default outside demos and refused in production, src/config/env.ts). Every sign-in is written to the audit log.
import { type Context, Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { recordAudit } from '../admin/audit.ts'
import { randomToken } from '../admin/crypto.ts'
import type { AdminEnv } from '../admin/env.ts'
import { endSession, startSession } from '../admin/sessions.ts'
import type { CoreDeps } from '../deps.ts'
import { findStaff, listActiveStaff } from '../features/staff/staff.repo.ts'
import { constantTimeEqual } from '../security/constant-time.ts'
import { html } from './layout.tsx'
import { type SignInProvider, signInProviders } from './providers.ts'

const STATE_COOKIE = 'qs_oauth'

const ERRORS: Record<string, string> = {
  unknown: '该账号尚未登记为工作人员（或已停用）。请联系管理员在人员名单中添加您的账号后再登录。',
  failed: '登录未完成：未能从平台确认您的身份，请重试。',
  state: '登录已过期或来源不明，请重新点击登录。',
  denied: '您取消了授权。',
}

/** Where to go after signing in: a console path only, never another site. */
export const safeNext = (next: string | undefined) =>
  next && /^\/admin(\/[A-Za-z0-9_\-/]*)?$/.test(next) && !next.startsWith('/admin/api') ? next : '/admin/tickets'

const ROLE_NAMES: Record<string, string> = { staff: '工作人员', official: '审批领导', admin: '管理员' }

function SignInPage(props: {
  providers: SignInProvider[]
  error?: string
  next: string
  dev?: { id: number; label: string }[]
}) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <title>登录 · 质量强企服务助手</title>
        <link rel="stylesheet" href="/admin/assets/console.css" />
      </head>
      <body>
        <main class="signin">
          <div class="card">
            <h1>质量强企服务助手 · 工作台</h1>
            <p class="muted">请使用已登记的工作账号登录。</p>
            {props.error && <div class="notice bad">{props.error}</div>}
            {props.providers.map((p) => (
              <a class="button primary" href={`/admin/auth/${p.id}/start?next=${encodeURIComponent(props.next)}`}>
                使用{p.label}登录
              </a>
            ))}
            {props.providers.length === 0 && !props.dev && (
              <p class="notice">尚未配置飞书或钉钉应用，暂不能登录。请管理员按 README 配置后再试。</p>
            )}
            {props.dev && (
              <form method="post" action="/admin/sign-in/dev">
                <h2>本地演示登录</h2>
                <p class="muted">仅用于本地演示（CONSOLE_DEV_SIGNIN=on），正式环境不可用。</p>
                <input type="hidden" name="next" value={props.next} />
                <label>
                  以哪位工作人员身份登录
                  <select name="staffId">
                    {props.dev.map((s) => (
                      <option value={String(s.id)}>{s.label}</option>
                    ))}
                  </select>
                </label>
                <p>
                  <button type="submit" class="primary">
                    演示登录
                  </button>
                </p>
              </form>
            )}
          </div>
        </main>
      </body>
    </html>
  )
}

export function signInRoutes(deps: CoreDeps) {
  const app = new Hono<AdminEnv>()
  const providers = signInProviders(deps)
  const redirectUri = (c: { req: { url: string } }, id: string) =>
    `${deps.config.console.publicUrl ?? new URL(c.req.url).origin}/admin/auth/${id}/callback`
  const stateCookie = {
    path: '/admin/auth',
    httpOnly: true,
    secure: deps.config.console.secureCookies,
    sameSite: 'Lax' as const,
  }

  async function signedIn(c: Context<AdminEnv>, staffId: number, method: string, next: string) {
    await startSession(c, deps, staffId, method)
    const staff = (await findStaff(deps.db, staffId))!
    await recordAudit(
      deps.db,
      { kind: 'staff', staff, sessionId: '', csrf: '', method },
      'console',
      { action: 'session.sign_in', subject: `staff:${staffId}`, after: { method } },
      deps.clock.now(),
    )
    return c.redirect(next, 303)
  }

  app.get('/sign-in', async (c) => {
    const next = safeNext(c.req.query('next'))
    const dev = deps.config.console.devSignIn
      ? (await listActiveStaff(deps.db)).map((s) => ({
          id: s.id,
          label: `${s.name} · ${s.department} · ${ROLE_NAMES[s.role]}`,
        }))
      : undefined
    const error = ERRORS[c.req.query('error') ?? '']
    return c.html(html(<SignInPage providers={providers} error={error} next={next} dev={dev} />))
  })

  app.get('/auth/:provider/start', (c) => {
    const provider = providers.find((p) => p.id === c.req.param('provider'))
    if (!provider) return c.notFound()
    const state = randomToken(24)
    setCookie(c, STATE_COOKIE, `${state}|${safeNext(c.req.query('next'))}`, { ...stateCookie, maxAge: 600 })
    return c.redirect(provider.authorizeUrl(redirectUri(c, provider.id), state), 302)
  })

  app.get('/auth/:provider/callback', async (c) => {
    const provider = providers.find((p) => p.id === c.req.param('provider'))
    if (!provider) return c.notFound()
    const [expected, next] = (getCookie(c, STATE_COOKIE) ?? '').split('|')
    deleteCookie(c, STATE_COOKIE, stateCookie)
    const query = c.req.query()
    if (!expected || !query.state || !constantTimeEqual(query.state, expected)) {
      return c.redirect('/admin/sign-in?error=state', 303)
    }
    const code = provider.codeOf(query)
    if (!code) return c.redirect('/admin/sign-in?error=denied', 303)
    let who: { userId: string; name: string }
    try {
      who = await provider.identify(code, redirectUri(c, provider.id))
    } catch (error) {
      deps.log.warn('console sign-in failed', { provider: provider.id, error })
      return c.redirect('/admin/sign-in?error=failed', 303)
    }
    const identity = await deps.db.identity.findUnique({
      where: { platform_userId: { platform: provider.id, userId: who.userId } },
      include: { staff: true },
    })
    if (!identity?.staff.active) {
      deps.log.info('console sign-in: account not in the staff directory', { provider: provider.id })
      return c.redirect('/admin/sign-in?error=unknown', 303)
    }
    return signedIn(c, identity.staffId, provider.id, safeNext(next))
  })

  app.post('/sign-in/dev', async (c) => {
    if (!deps.config.console.devSignIn) return c.notFound()
    const body = await c.req.parseBody()
    const staff = await findStaff(deps.db, Number(body.staffId))
    if (!staff?.active) return c.redirect('/admin/sign-in?error=unknown', 303)
    return signedIn(c, staff.id, 'dev', safeNext(typeof body.next === 'string' ? body.next : undefined))
  })

  app.post('/sign-out', async (c) => {
    await endSession(c, deps, c.get('principal'))
    return c.redirect('/admin/sign-in', 303)
  })

  return app
}
