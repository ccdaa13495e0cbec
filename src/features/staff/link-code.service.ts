// Linking a staff member's chat account with a one-time code: a department lead (for their department) or an admin
// issues a code for a named colleague; the colleague sends it with their name from the account to link. Six digits
// (the enterprise binding's generator), only the hash stored, valid LINK_CODE_TTL_MS, single use, MAX tries.
import type { Actor } from '../../bot/types.ts'
import type { CoreDeps } from '../../deps.ts'
import { codeMatches, hashCode, newOneTimeCode } from '../enterprises/one-time-code.ts'
import { linkAccount, staffIdOf } from './identity.repo.ts'
import { countWrongLinkCode, createLinkCode, liveLinkCodes, useLinkCode } from './link-code.repo.ts'
import { resolveStaff } from './staff.repo.ts'
import { type StaffView, toStaffView } from './staff.schema.ts'

export const LINK_CODE_TTL_MS = 30 * 60_000
export const MAX_LINK_CODE_ATTEMPTS = 5

export type LinkCodeIssue =
  | { ok: true; code: string; expiresAt: Date; staff: StaffView }
  | { ok: false; reason: 'not_allowed' | 'not_found' }
  | { ok: false; reason: 'ambiguous'; departments: string[] }

/** Who may issue: an admin for anyone, a department lead for their own department. */
const mayIssueFor = (issuer: StaffView, staff: StaffView) =>
  issuer.role === 'admin' || (issuer.isLead && issuer.department === staff.department)

export async function issueLinkCode(
  deps: CoreDeps,
  actor: Actor,
  target: { name: string; department?: string },
): Promise<LinkCodeIssue> {
  const issuer = await resolveStaff(deps.db, actor)
  if (!issuer || !(issuer.role === 'admin' || issuer.isLead)) return { ok: false, reason: 'not_allowed' }
  const rows = await deps.db.staff.findMany({
    where: { name: target.name, active: true, ...(target.department ? { department: target.department } : {}) },
    include: { identities: true },
    orderBy: { id: 'asc' },
  })
  const named = rows.map(toStaffView)
  const allowed = named.filter((s) => mayIssueFor(issuer, s))
  if (allowed.length === 0) return { ok: false, reason: named.length ? 'not_allowed' : 'not_found' }
  if (allowed.length > 1) return { ok: false, reason: 'ambiguous', departments: allowed.map((s) => s.department) }
  const staff = allowed[0]!
  const now = deps.clock.now()
  const code = newOneTimeCode()
  const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS)
  await createLinkCode(
    deps.db,
    { staffId: staff.id, codeHash: await hashCode(code), issuedBy: issuer.id, expiresAt },
    now,
  )
  deps.log.info('staff link code issued', { staffId: staff.id, issuedBy: issuer.id })
  return { ok: true, code, expiresAt, staff }
}

export type LinkCodeRedemption =
  | { ok: true; staff: { name: string; department: string } }
  | { ok: false; reason: 'no_code' | 'already_linked' | 'account_taken' | 'locked' }
  | { ok: false; reason: 'wrong'; remaining: number }

/** The account of `actor` becomes the named staff member's, if the code is theirs and live. */
export async function redeemLinkCode(
  deps: CoreDeps,
  actor: Actor,
  input: { name: string; code: string },
): Promise<LinkCodeRedemption> {
  const now = deps.clock.now()
  const named = await deps.db.staff.findMany({ where: { name: input.name, active: true }, orderBy: { id: 'asc' } })
  const codes = await liveLinkCodes(
    deps.db,
    named.map((s) => s.id),
    now,
  )
  if (codes.length === 0) return { ok: false, reason: 'no_code' }
  const owner = await staffIdOf(deps.db, actor)
  for (const row of codes) {
    if (!(await codeMatches(input.code, row.codeHash))) continue
    const staff = named.find((s) => s.id === row.staffId)!
    // Checked before the code is used, so a code sent from the wrong account stays usable.
    if (owner === staff.id) return { ok: false, reason: 'already_linked' }
    if (owner !== null) return { ok: false, reason: 'account_taken' }
    const linked = await deps.db.$transaction(async (tx) => {
      if (!(await useLinkCode(tx, row.id, now))) return false
      return (await linkAccount(tx, staff.id, actor, { at: now })) === 'linked'
    })
    if (!linked) return { ok: false, reason: 'no_code' }
    deps.log.info('staff account linked by code', { staffId: staff.id, platform: actor.platform })
    return { ok: true, staff: { name: staff.name, department: staff.department } }
  }
  // Every live code of that name counts the wrong try: guessing cannot be spread over several codes.
  let tries = 0
  for (const row of codes)
    tries = Math.max(tries, await countWrongLinkCode(deps.db, row.id, MAX_LINK_CODE_ATTEMPTS, now))
  deps.log.warn('wrong staff link code', { staffIds: codes.map((c) => c.staffId), platform: actor.platform })
  if (tries >= MAX_LINK_CODE_ATTEMPTS) return { ok: false, reason: 'locked' }
  return { ok: false, reason: 'wrong', remaining: MAX_LINK_CODE_ATTEMPTS - tries }
}
