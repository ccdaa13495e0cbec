// Shared set-up for the admin API and console tests: the real server with an ADMIN_TOKEN, the ticket tests' people
// (two departments, two officials), a ticket waiting for 认证检测科's approval, and console sessions made directly.
import { request } from 'node:http'
import { randomToken, sha256Hex } from '../../src/admin/crypto.ts'
import type { CoreDeps } from '../../src/deps.ts'
import { STAFF, seedPeople } from '../tickets/fixtures.ts'

export const TOKEN = 'test-admin-token-0123456789abcdef'

export async function seedTicketWaiting(deps: CoreDeps) {
  const enterprise = await seedPeople(deps)
  const assignee = await deps.db.staff.findFirstOrThrow({ where: { name: STAFF.assignee } })
  const now = deps.clock.now()
  const ticket = await deps.db.ticket.create({
    data: {
      number: 'QS-2026-000001',
      enterpriseId: enterprise.id,
      category: 'fee_waiver',
      description: '申请检验检测费用减免（测试）',
      status: 'pending_approval',
      assigneeId: assignee.id,
      needsApproval: true,
      approvalDepartment: '认证检测科',
      originPlatform: 'console',
      firstResponseDue: new Date(now.getTime() - 3600_000),
      resolutionDue: new Date(now.getTime() + 86400_000),
      firstRespondedAt: new Date(now.getTime() - 7200_000),
    },
  })
  const other = await deps.db.ticket.create({
    data: {
      number: 'QS-2026-000002',
      category: 'metrology',
      description: '计量器具检定咨询（测试）',
      status: 'assigned',
      assigneeId: (await deps.db.staff.findFirstOrThrow({ where: { name: STAFF.other } })).id,
      originPlatform: 'console',
      firstResponseDue: new Date(now.getTime() - 3600_000),
    },
  })
  return { enterprise, ticket, other }
}

/** A console session for a staff member, as signing in would leave it: the cookie header and the CSRF token. */
export async function sessionFor(deps: CoreDeps, name: string) {
  const staff = await deps.db.staff.findFirstOrThrow({ where: { name } })
  const token = randomToken()
  const csrf = randomToken(24)
  const now = deps.clock.now()
  await deps.db.consoleSession.create({
    data: {
      id: await sha256Hex(token),
      staffId: staff.id,
      method: 'console',
      csrf,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + 3600_000),
    },
  })
  return { cookie: `qs_session=${token}`, csrf, staffId: staff.id }
}

export const bearer = { authorization: `Bearer ${TOKEN}` }

/** A request with the path exactly as written (fetch would normalise `..`, `%2e` and `//` away first). */
export function rawGet(base: string, path: string, headers: Record<string, string> = {}) {
  const url = new URL(base)
  return new Promise<{ status: number; body: string; location?: string }>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET', headers }, (res) => {
      let body = ''
      res.on('data', (chunk) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, location: res.headers.location }))
    })
    req.on('error', reject)
    req.end()
  })
}
