// The one door of /admin: every request under it passes here before any route, including paths no route matches,
// so an unknown, encoded or dot-segment path is refused like any other (401 for the API, a redirect to the sign-in
// page for pages) and nothing is answered before the caller is known. Callers are a bearer ADMIN_TOKEN (scripts,
// bootstrap) or a console session cookie; a session's form posts and API writes carry its CSRF token.
import type { Context, MiddlewareHandler } from 'hono'
import type { CoreDeps } from '../deps.ts'
import { constantTimeEqual } from '../security/constant-time.ts'
import type { AdminEnv } from './env.ts'
import type { Principal } from './principal.ts'
import type { FailureLimiter } from './rate-limit.ts'
import { sessionPrincipal } from './sessions.ts'

const PUBLIC = [
  /^\/admin\/sign-in$/,
  /^\/admin\/sign-in\/dev$/,
  /^\/admin\/auth\/[a-z]+\/(start|callback)$/,
  /^\/admin\/assets\/[a-z-]+\.css$/,
]
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export const isPublicPath = (path: string) => PUBLIC.some((p) => p.test(path))
export const isApiPath = (path: string) => path === '/admin/api' || path.startsWith('/admin/api/')

/** The client a failed attempt is counted against: the socket's address (Node) or Cloudflare's header (Workers). */
export function clientOf(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  return c.req.header('cf-connecting-ip') ?? env?.incoming?.socket?.remoteAddress ?? 'unknown'
}

/** Encoded separators or dots, or dot segments, left in a path: never a path our own pages link to. */
function oddPath(c: Context): boolean {
  const raw = c.req.url.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0] ?? ''
  return /%2e|%2f|%5c|\\|\/\/|(^|\/)\.\.?(\/|$)/i.test(raw)
}

function refuse(c: Context, status: 401 | 403 | 429, message: string, retryAfter?: number) {
  if (retryAfter) c.header('Retry-After', String(retryAfter))
  const error = { 401: 'unauthorized', 403: 'forbidden', 429: 'too_many_attempts' }[status]
  if (isApiPath(c.req.path) || status === 429) return c.json({ error, message }, status)
  if (status === 403) return c.text(message, 403)
  const next = SAFE_METHODS.has(c.req.method) ? `?next=${encodeURIComponent(c.req.path)}` : ''
  return c.redirect(`/admin/sign-in${next}`, SAFE_METHODS.has(c.req.method) ? 302 : 303)
}

async function csrfTokenOf(c: Context): Promise<string | undefined> {
  const header = c.req.header('x-csrf-token')
  if (header) return header
  const type = c.req.header('content-type') ?? ''
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
  return typeof body._csrf === 'string' ? body._csrf : undefined
}

export function adminGuard(deps: CoreDeps, limiter: FailureLimiter): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    c.header('Cache-Control', 'no-store')
    c.header('X-Frame-Options', 'DENY')
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Referrer-Policy', 'same-origin')
    if (isPublicPath(c.req.path) && !oddPath(c)) return next()

    const client = clientOf(c)
    const wait = limiter.blockedFor(client)
    if (wait) return refuse(c, 429, '尝试次数过多，请稍后再试。', wait)

    let principal: Principal | null = null
    const authorization = c.req.header('authorization')
    if (authorization !== undefined) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] ?? ''
      const expected = deps.config.env.ADMIN_TOKEN
      if (!expected || !constantTimeEqual(token, expected)) {
        limiter.fail(client)
        deps.log.warn('admin: refused token', { path: c.req.path })
        return refuse(c, 401, '令牌无效。')
      }
      principal = { kind: 'token' }
    } else {
      principal = await sessionPrincipal(c, deps)
    }
    if (!principal) return refuse(c, 401, '请先登录。')
    if (oddPath(c)) return c.json({ error: 'bad_request', message: 'path not allowed' }, 400)

    if (principal.kind === 'staff' && !SAFE_METHODS.has(c.req.method)) {
      const sent = await csrfTokenOf(c)
      if (!sent || !constantTimeEqual(sent, principal.csrf)) {
        return refuse(c, 403, '页面已过期或请求来源不明，请刷新页面后重试。')
      }
    }
    c.set('principal', principal)
    c.set('via', isApiPath(c.req.path) ? 'api' : 'console')
    return next()
  }
}
