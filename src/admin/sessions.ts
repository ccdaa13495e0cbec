// Console sessions: a random token in an HttpOnly cookie, only its SHA-256 in the database (a leaked table opens
// nothing). A session ends on sign-out, after CONSOLE_IDLE_MINUTES without a request, and at the latest after
// MAX_SESSION_HOURS however active it is.
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { CoreDeps } from '../deps.ts'
import { findStaff } from '../features/staff/staff.repo.ts'
import { randomToken, sha256Hex } from './crypto.ts'
import type { Principal } from './principal.ts'

export const SESSION_COOKIE = 'qs_session'
const MAX_SESSION_HOURS = 12
/** lastSeenAt is written at most this often: a page of requests is one write, not many. */
const TOUCH_EVERY_MS = 60_000

export function cookieOptions(deps: CoreDeps, maxAgeSeconds?: number) {
  return {
    path: '/admin',
    httpOnly: true,
    secure: deps.config.console.secureCookies,
    sameSite: 'Lax' as const,
    ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}),
  }
}

export async function startSession(c: Context, deps: CoreDeps, staffId: number, method: string): Promise<void> {
  const token = randomToken()
  const now = deps.clock.now()
  await deps.db.consoleSession.create({
    data: {
      id: await sha256Hex(token),
      staffId,
      method,
      csrf: randomToken(24),
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + MAX_SESSION_HOURS * 3600_000),
    },
  })
  setCookie(c, SESSION_COOKIE, token, cookieOptions(deps, MAX_SESSION_HOURS * 3600))
}

/** The signed-in staff member behind the request's cookie, or null (no cookie, unknown, idle too long, ended). */
export async function sessionPrincipal(c: Context, deps: CoreDeps): Promise<Principal | null> {
  const token = getCookie(c, SESSION_COOKIE)
  if (!token || token.length > 100) return null
  const id = await sha256Hex(token)
  const session = await deps.db.consoleSession.findUnique({ where: { id } })
  if (!session) return null
  const now = deps.clock.now()
  const idleUntil = session.lastSeenAt.getTime() + deps.config.console.idleMinutes * 60_000
  const staff = await findStaff(deps.db, session.staffId)
  if (now >= session.expiresAt || now.getTime() >= idleUntil || !staff?.active) {
    await deps.db.consoleSession.deleteMany({ where: { id } })
    return null
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await deps.db.consoleSession.update({ where: { id }, data: { lastSeenAt: now } })
  }
  return { kind: 'staff', staff, sessionId: id, csrf: session.csrf, method: session.method }
}

export async function endSession(c: Context, deps: CoreDeps, principal: Principal | undefined): Promise<void> {
  if (principal?.kind === 'staff') await deps.db.consoleSession.deleteMany({ where: { id: principal.sessionId } })
  deleteCookie(c, SESSION_COOKIE, cookieOptions(deps))
}
