// The contact's side of the one-time code: the code staff gave them, typed into the chat. A limited number of
// wrong tries, then the request is closed and has to be made again.
import type { Actor } from '../../bot/types.ts'
import type { CoreDeps } from '../../deps.ts'
import { countWrongCode, decideBinding, findPendingBinding } from './binding.repo.ts'
import { MAX_CODE_ATTEMPTS } from './binding.service.ts'
import { bindContact, findContact } from './contact.repo.ts'
import { findEnterpriseById } from './enterprise.repo.ts'
import { codeMatches } from './one-time-code.ts'

export type CodeRedemption =
  | { ok: true; enterprise: string }
  | { ok: false; reason: 'no_pending' | 'no_code' | 'locked' | 'lost_race' }
  | { ok: false; reason: 'wrong'; remaining: number }

/** Whether this person has a pending request with a code issued: only then is a bare "123456" taken as a code. */
export async function awaitsCode(deps: CoreDeps, actor: Actor): Promise<boolean> {
  const contact = await findContact(deps.db, actor.platform, actor.userId)
  const pending = contact ? await findPendingBinding(deps.db, contact.id, deps.clock.now()) : null
  return Boolean(pending?.codeHash)
}

export async function redeemBindingCode(deps: CoreDeps, actor: Actor, code: string): Promise<CodeRedemption> {
  const now = deps.clock.now()
  const contact = await findContact(deps.db, actor.platform, actor.userId)
  const pending = contact ? await findPendingBinding(deps.db, contact.id, now) : null
  if (!contact || !pending) return { ok: false, reason: 'no_pending' }
  if (!pending.codeHash) return { ok: false, reason: 'no_code' }
  if (pending.attempts >= MAX_CODE_ATTEMPTS) return { ok: false, reason: 'locked' }
  if (await codeMatches(code, pending.codeHash)) {
    const enterprise = await findEnterpriseById(deps.db, pending.enterpriseId)
    const done = await deps.db.$transaction(async (tx) => {
      if (!(await decideBinding(tx, pending.id, 'confirmed', `contact:${contact.id}:code`, now))) return false
      await bindContact(tx, contact.id, pending.enterpriseId, now)
      return true
    })
    if (!done || !enterprise) return { ok: false, reason: 'lost_race' }
    deps.log.info('binding confirmed by code', { bindingId: pending.id, contactId: contact.id })
    return { ok: true, enterprise: enterprise.name }
  }
  const attempts = await countWrongCode(deps.db, pending.id)
  if (attempts >= MAX_CODE_ATTEMPTS) {
    await decideBinding(deps.db, pending.id, 'expired', 'system:too_many_code_attempts', now)
    deps.log.warn('binding closed after too many wrong codes', { bindingId: pending.id, contactId: contact.id })
    return { ok: false, reason: 'locked' }
  }
  return { ok: false, reason: 'wrong', remaining: MAX_CODE_ATTEMPTS - attempts }
}
