// Binding a chat contact to an enterprise: the request (staff are sent a card), the staff decision, the one-time
// code staff may issue instead, and unbinding. Expected outcomes are return values; each state change and the
// messages it causes are written in one transaction.
import type { Actor } from '../../bot/types.ts'
import type { CoreDeps } from '../../deps.ts'
import { enqueueMessage } from '../../outbox/outbox.repo.ts'
import { addressOf } from '../people/addresses.ts'
import { resolveStaff } from '../staff/staff.repo.ts'
import type { StaffView } from '../staff/staff.schema.ts'
import { bindingRequestCard } from './binding.cards.ts'
import { type BindingRow, createBinding, decideBinding, findBinding, setBindingCode } from './binding.repo.ts'
import { bindContact, ensureContact, findContact } from './contact.repo.ts'
import { formatTime } from './dates.ts'
import { findEnterpriseById } from './enterprise.repo.ts'
import type { EnterpriseProfile } from './enterprise.schema.ts'
import { hashCode, newOneTimeCode } from './one-time-code.ts'
import { staffForEnterprise } from './staff-routing.ts'

export const BINDING_TTL_MS = 3 * 24 * 3600_000
export const CODE_TTL_MS = 24 * 3600_000
export const MAX_CODE_ATTEMPTS = 5

export function requestCardData(
  deps: Pick<CoreDeps, 'capabilities'>,
  binding: BindingRow,
  enterprise: EnterpriseProfile,
  applicant: Actor,
) {
  return {
    bindingId: binding.id,
    applicant:
      applicant.name && applicant.name !== applicant.userId
        ? `${applicant.name}（${applicant.userId}）`
        : applicant.userId,
    platform: deps.capabilities(applicant.platform).label,
    enterprise: enterprise.name,
    creditCode: enterprise.creditCode,
    industry: enterprise.industry,
    town: enterprise.town ?? '未登记',
    requestedAt: formatTime(binding.createdAt),
  }
}

/** Opens a request and sends the card to the staff who cover the enterprise; returns how many were reached. */
export async function requestBinding(deps: CoreDeps, actor: Actor, enterprise: EnterpriseProfile) {
  const now = deps.clock.now()
  return deps.db.$transaction(async (tx) => {
    const contact = await ensureContact(tx, actor)
    const binding = await createBinding(tx, {
      contactId: contact.id,
      enterpriseId: enterprise.id,
      expiresAt: new Date(now.getTime() + BINDING_TTL_MS),
    })
    const card = bindingRequestCard(requestCardData(deps, binding, enterprise, actor))
    let notified = 0
    for (const staff of await staffForEnterprise(tx, enterprise)) {
      const address = addressOf(staff, { preferred: actor.platform, ports: deps.ports })
      if (!address) continue
      await enqueueMessage(tx, {
        address,
        body: { kind: 'card', card },
        dedupeKey: `binding:${binding.id}:staff:${staff.id}`,
      })
      notified++
    }
    deps.log.info('binding requested', { bindingId: binding.id, enterpriseId: enterprise.id, notified })
    return { binding, notified }
  })
}

export type StaffDecision =
  | { ok: true; binding: BindingRow; enterprise: EnterpriseProfile; staff: StaffView }
  | { ok: false; reason: 'not_staff' | 'not_found' }
  | { ok: false; reason: 'already_decided'; binding: BindingRow }

/** 确认 / 拒绝 by a staff member; the contact is told either way. A second click finds it already decided. */
export async function decideByStaff(
  deps: CoreDeps,
  operator: Actor,
  bindingId: number,
  decision: 'confirmed' | 'rejected',
): Promise<StaffDecision> {
  const staff = await resolveStaff(deps.db, operator)
  if (!staff) return { ok: false, reason: 'not_staff' }
  const now = deps.clock.now()
  return deps.db.$transaction(async (tx): Promise<StaffDecision> => {
    const binding = await findBinding(tx, bindingId)
    const enterprise = binding ? await findEnterpriseById(tx, binding.enterpriseId) : null
    const contact = binding ? await tx.contact.findUnique({ where: { id: binding.contactId } }) : null
    if (!binding || !enterprise || !contact) return { ok: false, reason: 'not_found' }
    if (!(await decideBinding(tx, bindingId, decision, `staff:${staff.id}`, now))) {
      return { ok: false, reason: 'already_decided', binding: (await findBinding(tx, bindingId)) ?? binding }
    }
    if (decision === 'confirmed') await bindContact(tx, contact.id, enterprise.id, now)
    const text =
      decision === 'confirmed'
        ? `您好，您绑定“${enterprise.name}”的申请已由工作人员确认。现在您可以问我“我们能办质量贷吗？”“我们还能争取哪些奖？”，我会结合贵企业的情况为您解答。`
        : `您好，您绑定“${enterprise.name}”的申请未通过工作人员核实。如有疑问，可以发送“我要申请服务”，由工作人员与您联系。`
    // A contact is one account; the message waits in the outbox if that platform is off (no `ports` filter).
    const address = addressOf({ identities: [contact] })
    if (address) await enqueueMessage(tx, { address, body: { kind: 'text', text } })
    deps.log.info('binding decided', { bindingId, decision, staffId: staff.id })
    return { ok: true, binding: { ...binding, status: decision, decidedAt: now }, enterprise, staff }
  })
}

export type CodeIssue =
  | { ok: true; code: string; expiresAt: Date; binding: BindingRow; enterprise: EnterpriseProfile }
  | { ok: false; reason: 'not_staff' | 'not_found' | 'not_pending' }

/** A fresh one-time code for a pending request (replacing any earlier one). The plain code is returned once. */
export async function issueBindingCode(deps: CoreDeps, operator: Actor, bindingId: number): Promise<CodeIssue> {
  const staff = await resolveStaff(deps.db, operator)
  if (!staff) return { ok: false, reason: 'not_staff' }
  const binding = await findBinding(deps.db, bindingId)
  const enterprise = binding ? await findEnterpriseById(deps.db, binding.enterpriseId) : null
  if (!binding || !enterprise) return { ok: false, reason: 'not_found' }
  const now = deps.clock.now()
  const code = newOneTimeCode()
  const expiresAt = new Date(Math.min(binding.expiresAt.getTime(), now.getTime() + CODE_TTL_MS))
  if (!(await setBindingCode(deps.db, bindingId, await hashCode(code), expiresAt, now))) {
    return { ok: false, reason: 'not_pending' }
  }
  deps.log.info('binding code issued', { bindingId, staffId: staff.id })
  return { ok: true, code, expiresAt, binding, enterprise }
}

export async function unbind(deps: CoreDeps, actor: Actor): Promise<{ ok: true; enterprise: string } | { ok: false }> {
  const contact = await findContact(deps.db, actor.platform, actor.userId)
  const enterprise = contact?.enterpriseId ? await findEnterpriseById(deps.db, contact.enterpriseId) : null
  if (!contact || !enterprise) return { ok: false }
  await deps.db.contact.update({ where: { id: contact.id }, data: { enterpriseId: null, boundAt: null } })
  deps.log.info('contact unbound', { contactId: contact.id, enterpriseId: enterprise.id })
  return { ok: true, enterprise: enterprise.name }
}
