// The admin API and console as the alert tests call them: JSON requests with the admin token or a console session
// (its cookie and CSRF token), form posts as a browser sends them, and waiting until the outbox has sent everything.
import type { CoreDeps } from '../../src/deps.ts'
import { bearer } from '../admin/fixtures.ts'
import { waitFor } from '../helpers/server.ts'

export type Session = { cookie: string; csrf: string }

/** The parts of the API's answers the tests read (an alert, a page, a refusal, the audit log). */
export interface Answer {
  id: number
  version: number
  status: string
  error: string
  message: string
  total: number
  issues: { path: string; message: string }[]
  items: { action: string; actorName: string; [field: string]: unknown }[]
  receipts: { enterpriseId: number; [field: string]: unknown }[]
  [field: string]: unknown
}

const headersOf = (as: Session | 'token') => (as === 'token' ? bearer : { cookie: as.cookie, 'x-csrf-token': as.csrf })

export function adminClient(base: () => string) {
  const api = (path: string, init: RequestInit = {}) => fetch(`${base()}/admin/api${path}`, init)
  return {
    get: async (path: string, as: Session | 'token' = 'token') => {
      const res = await api(path, { headers: headersOf(as) })
      return { status: res.status, body: (await res.json()) as Answer }
    },
    post: async (path: string, body: unknown, as: Session | 'token' = 'token') => {
      const res = await api(path, {
        method: 'POST',
        headers: { ...headersOf(as), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      return { status: res.status, body: (await res.json()) as Answer }
    },
    /** A console form post (no JavaScript): the CSRF token travels in the form, the answer is a redirect. */
    form: async (path: string, fields: Record<string, string>, as: Session) => {
      const res = await fetch(`${base()}/admin${path}`, {
        method: 'POST',
        headers: { cookie: as.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: as.csrf, ...fields }),
        redirect: 'manual',
      })
      return { status: res.status, location: res.headers.get('location') ?? '', text: await res.text() }
    },
    page: async (path: string, as: Session) => {
      const res = await fetch(`${base()}/admin${path}`, { headers: { cookie: as.cookie } })
      return { status: res.status, text: await res.text() }
    },
  }
}

/** Until every queued message has been handed to its platform. */
export const drained = (deps: CoreDeps) =>
  waitFor(
    async () => (await deps.db.outbox.count({ where: { status: { in: ['pending', 'sending'] } } })) === 0 || null,
    5000,
    'outbox drained',
  )

/** A receipt deadline days ahead, as YYYY-MM-DD in Wenzhou. */
export const daysAhead = (days: number) =>
  new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10)
