// Publishing: a draft and its preview (the resolved audience), the publisher's confirmation, the approval an
// official gives a 严重 alert, and the send. Who may do each step is checked against the verified actor, never
// against what a button carries. Outcomes are return values.
import type { Actor } from '../../bot/types.ts'
import type { CardModel } from '../../cards/model.ts'
import type { CoreDeps } from '../../deps.ts'
import { enqueueMessage, updateSentCard } from '../../outbox/outbox.repo.ts'
import { addressOf } from '../people/addresses.ts'
import { findStaff, officialsOf, resolveStaff } from '../staff/staff.repo.ts'
import type { StaffView } from '../staff/staff.schema.ts'
import { type AudienceCounts, alertSubject, renderApproval, renderPreview } from './alert.cards.ts'
import { type AlertRow, createDraft, findAlert, moveAlert } from './alert.repo.ts'
import type { AlertDraft } from './alert.schema.ts'
import { resolveAudience } from './audience.ts'
import { countsOf, fanOut } from './fanout.ts'

export type Outcome =
  | { ok: true; alert: AlertRow; message: string; card?: CardModel }
  | { ok: false; message: string; alert?: AlertRow; card?: CardModel }

export async function audienceCounts(deps: CoreDeps, alert: Pick<AlertRow, 'audience'>, platform: string) {
  return countsOf(await resolveAudience(deps, alert.audience, platform))
}

/** A draft and its preview card; refused when the criteria select no enterprise. */
export async function draftAlert(
  deps: CoreDeps,
  publisher: StaffView,
  draft: AlertDraft,
  platform: string,
): Promise<{ ok: true; card: CardModel; alert: AlertRow; counts: AudienceCounts } | { ok: false; message: string }> {
  const counts = await audienceCounts(deps, draft, platform)
  if (counts.enterprises === 0) {
    const unknown = counts.unknownCodes.length ? `（未找到信用代码：${counts.unknownCodes.join('、')}）` : ''
    return {
      ok: false,
      message: `按此范围没有找到任何企业${unknown}，预警未创建。请调整行业、产品、镇街或企业名单后重新发布。`,
    }
  }
  const alert = await createDraft(deps.db, draft, publisher, platform, deps.clock.now())
  return { ok: true, card: renderPreview(alert, counts), alert, counts }
}

/** The publisher confirms or cancels their own draft; an admin may too. */
export const mayPublish = (staff: StaffView | null, alert: AlertRow) =>
  Boolean(staff?.active && (staff.id === alert.publisherId || staff.role === 'admin'))

export const mayDecide = (staff: StaffView | null, alert: AlertRow) =>
  Boolean(
    staff?.active &&
      (staff.role === 'admin' || (staff.role === 'official' && staff.department === alert.approvalDepartment)),
  )

async function load(deps: CoreDeps, id: number, version: number) {
  const alert = await findAlert(deps.db, id)
  if (!alert) return { error: { ok: false as const, message: '未找到该预警。' } }
  if (alert.version !== version)
    return { error: { ok: false as const, alert, message: '该预警已有新进展，请查看最新卡片。' } }
  return { alert }
}

/** 确认发布 (or 取消) on the preview: 严重 goes to approval, the rest is sent at once. */
export async function confirmAlert(
  deps: CoreDeps,
  operator: Actor,
  ref: { al: number; av: number },
  cancel: boolean,
): Promise<Outcome> {
  const found = await load(deps, ref.al, ref.av)
  if (found.error) return found.error
  const { alert } = found
  const staff = await resolveStaff(deps.db, operator)
  if (!mayPublish(staff, alert)) return { ok: false, message: '只有该预警的发布人可以确认或取消。' }
  if (alert.status !== 'draft') return { ok: false, alert, message: '该预警已确认过。' }
  if (cancel) {
    const counts = await audienceCounts(deps, alert, alert.publisherPlatform)
    const moved = await moveAlert(deps.db, alert, ref.av, 'cancelled')
    if (!moved) return { ok: false, alert, message: '该预警已有新进展，请查看最新卡片。' }
    return { ok: true, alert: moved, message: '已取消，预警未发出。', card: renderPreview(moved, counts, '预警已取消') }
  }
  if (alert.level === '严重') {
    const n = (await audienceCounts(deps, alert, alert.publisherPlatform)).enterprises
    if (n === 0) return { ok: false, alert, message: '按此范围现已没有任何企业，预警未发出。' }
    return requestApproval(deps, alert, ref.av, staff!, n)
  }
  // The send resolves the audience itself (once, inside its transaction) and refuses an empty one.
  return send(deps, alert, ref.av, {}, (sent, c) => renderPreview(sent, c, `预警已发出（${c.enterprises} 家企业）`))
}

async function requestApproval(deps: CoreDeps, alert: AlertRow, version: number, publisher: StaffView, n: number) {
  const moved = await deps.db.$transaction(async (tx) => {
    const next = await moveAlert(tx, alert, version, 'pending_approval')
    if (!next) return null
    for (const official of await officialsOf(tx, alert.approvalDepartment)) {
      const address = addressOf(official, { preferred: alert.publisherPlatform, ports: deps.ports })
      if (!address) continue
      await enqueueMessage(tx, {
        address,
        body: { kind: 'card', card: renderApproval(next, publisher.name, n) },
        dedupeKey: `${alertSubject.approval(alert.id)}:${official.id}`,
      })
    }
    return next
  })
  if (!moved) return { ok: false as const, alert, message: '该预警已有新进展，请查看最新卡片。' }
  deps.outbox.kick()
  const counts = await audienceCounts(deps, moved, moved.publisherPlatform)
  return {
    ok: true as const,
    alert: moved,
    message: '已提交审批，审批同意后发出。',
    card: renderPreview(moved, counts, '严重预警已提交科室负责人审批'),
  }
}

/** Rolls a send back when the audience turned out empty: nothing is marked sent. */
class EmptyAudience extends Error {}

async function send(
  deps: CoreDeps,
  alert: AlertRow,
  version: number,
  extra: { decidedBy?: string; decidedAt?: Date },
  card: (sent: AlertRow, counts: AudienceCounts) => CardModel,
): Promise<Outcome> {
  const now = deps.clock.now()
  let empty = false
  const result = await deps.db
    .$transaction(async (tx) => {
      const sent = await moveAlert(tx, alert, version, 'sent', { ...extra, sentAt: now })
      if (!sent) return null
      const out = await fanOut(deps, tx, sent)
      if (out.enterprises === 0) {
        empty = true
        throw new EmptyAudience()
      }
      return { sent, out }
    })
    .catch((error: unknown) => {
      if (error instanceof EmptyAudience) return null
      throw error
    })
  if (empty) return { ok: false, alert, message: '按此范围现已没有任何企业，预警未发出。' }
  if (!result) return { ok: false, alert, message: '该预警刚刚已由他人处理，请查看最新卡片。' }
  deps.outbox.kick()
  deps.log.info('alert sent', { alert: alert.id, enterprises: result.out.enterprises, messages: result.out.messages })
  return {
    ok: true,
    alert: result.sent,
    message: `预警已发出，覆盖 ${result.out.enterprises} 家企业。`,
    card: card(result.sent, result.out.counts),
  }
}

/** 同意发布 / 驳回 on the approval card: an official of the publisher's department, or an admin. */
export async function decideAlert(
  deps: CoreDeps,
  operator: Actor,
  ref: { al: number; av: number },
  approve: boolean,
  clickedCardId?: string,
): Promise<Outcome> {
  const found = await load(deps, ref.al, ref.av)
  if (found.error) return found.error
  const { alert } = found
  const staff = await resolveStaff(deps.db, operator)
  if (!mayDecide(staff, alert)) return { ok: false, alert, message: '您没有审批该预警的权限，操作未生效。' }
  if (alert.status !== 'pending_approval') return { ok: false, alert, message: '该预警已审批。' }
  const publisher = await findStaff(deps.db, alert.publisherId)
  const n = (await audienceCounts(deps, alert, alert.publisherPlatform)).enterprises
  const decided = { decidedBy: staff!.name, decidedAt: deps.clock.now() }
  const outcome: Outcome = approve
    ? await send(deps, alert, ref.av, decided, (sent) => renderApproval(sent, publisher?.name ?? '', n))
    : await reject(deps, alert, ref.av, decided, publisher?.name ?? '', n)
  if (outcome.ok) await afterDecision(deps, outcome.alert, publisher, n, clickedCardId)
  return outcome
}

async function reject(
  deps: CoreDeps,
  alert: AlertRow,
  version: number,
  decided: { decidedBy: string; decidedAt: Date },
  publisherName: string,
  n: number,
): Promise<Outcome> {
  const moved = await moveAlert(deps.db, alert, version, 'rejected', decided)
  if (!moved) return { ok: false, alert, message: '该预警刚刚已由他人处理，请查看最新卡片。' }
  return { ok: true, alert: moved, message: '已驳回，预警不会发出。', card: renderApproval(moved, publisherName, n) }
}

/** The other officials' approval cards show the decision; the publisher is told. */
async function afterDecision(
  deps: CoreDeps,
  alert: AlertRow,
  publisher: StaffView | null,
  n: number,
  clickedCardId?: string,
) {
  const card = renderApproval(alert, publisher?.name ?? '', n)
  const copies = await deps.db.sentCard.findMany({ where: { subject: alertSubject.approval(alert.id) } })
  for (const copy of copies) {
    if (copy.id === clickedCardId) continue
    await updateSentCard(deps.db, copy.id, copy.version, card, { push: true })
  }
  const address = publisher ? addressOf(publisher, { preferred: alert.publisherPlatform, ports: deps.ports }) : null
  if (address) {
    const text =
      alert.status === 'sent'
        ? `您提交的严重预警“${alert.title}”已由 ${alert.decidedBy} 审批同意，已发出。`
        : `您提交的严重预警“${alert.title}”被 ${alert.decidedBy} 驳回，未发出。`
    await enqueueMessage(deps.db, { address, body: { kind: 'text', text }, dedupeKey: `alert:${alert.id}:decided` })
  }
  deps.outbox.kick()
}
