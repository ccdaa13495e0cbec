// Every change to an existing ticket goes through `performTicketAction`: find it, check the version the card
// showed, check who is acting, apply the transition optimistically, and in the same transaction record the step,
// queue the notifications and refresh the other copies of its cards. Outcomes are return values.
import type { Actor } from '../../bot/types.ts'
import type { Tx } from '../../db/client.ts'
import type { CoreDeps } from '../../deps.ts'
import { findStaff } from '../staff/staff.repo.ts'
import { categoryOf } from './categories.ts'
import { routeTicket } from './routing.ts'
import { statusLabel, type TicketAction, transition } from './state-machine.ts'
import { notifyAfter } from './ticket.notify.ts'
import { actingFor } from './ticket.parties.ts'
import { refreshTicketCards } from './ticket.refresh.ts'
import { applyTransition, findTicket, type TicketPatch, type TicketRow, ticketScope } from './ticket.repo.ts'

export interface ActionInput {
  ticketId: number
  /** The ticket version the clicked card showed. */
  version: number
  action: TicketAction
  operator: Actor
  comment?: string | null
  /**
   * Transfer to this staff member instead of the next one routing picks (the console's and the API's reassign);
   * they must be active and not the current assignee.
   */
  transferTo?: number
  /** The clicked card: its answer updates it, so it is left out of the refresh. */
  cardId?: string
  /** More writes that belong to the same step (e.g. the satisfaction score), inside its transaction. */
  extra?: (tx: Tx, ticket: TicketRow) => Promise<void>
}

export type ActionOutcome =
  | { ok: true; ticket: TicketRow; eventId: number; message: string }
  | {
      ok: false
      reason: 'not_found' | 'stale' | 'not_allowed' | 'wrong_state' | 'needs_approval' | 'no_transferee' | 'conflict'
      ticket?: TicketRow
      message: string
    }

const DONE: Record<TicketAction, string> = {
  assign: '已分派。',
  accept: '已接单，请尽快与企业联系。',
  transfer: '已转派。',
  request_approval: '已提交审批。',
  approve: '已同意。',
  reject: '已驳回。',
  resolve: '已办结，已邀请企业评价。',
  close: '工单已关闭。',
  reopen: '已重新打开工单，质量管家会继续跟进。',
}

export async function performTicketAction(deps: CoreDeps, input: ActionInput): Promise<ActionOutcome> {
  const now = deps.clock.now()
  const ticket = await findTicket(deps.db, input.ticketId)
  if (!ticket) return { ok: false, reason: 'not_found', message: '未找到该工单，请确认工单编号。' }
  if (input.version !== ticket.version) {
    return {
      ok: false,
      reason: 'stale',
      ticket,
      message: `工单已有新进展（当前：${statusLabel(ticket.status)}），请查看最新卡片。`,
    }
  }
  const acting = await actingFor(deps.db, input.operator, ticket)
  const check = transition(input.action, ticket, acting.parties)
  if (!check.ok) {
    const message = {
      not_allowed: '您没有办理此操作的权限，操作未生效。',
      wrong_state: `该工单当前为“${statusLabel(ticket.status)}”，无法进行此操作。`,
      needs_approval: '该事项需经科室审批后方可办结，请先点击“需要审批”。',
    }[check.reason]
    return { ok: false, reason: check.reason, ticket, message }
  }
  const patch: TicketPatch = {}
  let comment = input.comment ?? null
  if (input.action === 'accept') patch.firstRespondedAt = ticket.firstRespondedAt ?? now
  if (input.action === 'resolve')
    Object.assign(patch, { resolvedAt: now, firstRespondedAt: ticket.firstRespondedAt ?? now })
  if (input.action === 'close') patch.closedAt = now
  if (input.action === 'reopen') Object.assign(patch, { resolvedAt: null, closedAt: null })
  if (input.action === 'request_approval') {
    const category = categoryOf(ticket.category)
    Object.assign(patch, {
      needsApproval: true,
      approvalDepartment: ticket.approvalDepartment ?? category.approvalDepartment ?? category.department,
    })
  }
  if (input.action === 'transfer') {
    const next = input.transferTo
      ? await chosenTransferee(deps, input.transferTo, ticket)
      : await routeTicket(deps.db, await ticketScope(deps.db, ticket), ticket.assigneeId ? [ticket.assigneeId] : [])
    if (!next)
      return { ok: false, reason: 'no_transferee', ticket, message: '暂无其他可转派的工作人员，请联系科室负责人。' }
    patch.assigneeId = next.staff.id
    comment = comment ?? `转派给 ${next.staff.name}`
  }
  const event = { action: EVENT_NAMES[input.action], actor: acting.actor, actorName: acting.actorName, comment }
  const result = await deps.db.$transaction(async (tx) => {
    const updated = await applyTransition(tx, ticket, input.version, check.to, patch, event, now)
    if (!updated) return null
    await input.extra?.(tx, updated)
    const last = await tx.ticketEvent.findFirstOrThrow({ where: { ticketId: ticket.id }, orderBy: { id: 'desc' } })
    await notifyAfter(deps, tx, input.action, updated, acting)
    await refreshTicketCards(deps, tx, updated, input.cardId)
    return { updated, eventId: last.id }
  })
  if (!result) return { ok: false, reason: 'conflict', ticket, message: '该工单刚刚已由他人处理，请查看最新状态。' }
  deps.outbox.kick()
  deps.log.info('ticket action', { ticket: ticket.number, action: input.action, actor: acting.actor, to: check.to })
  return { ok: true, ticket: result.updated, eventId: result.eventId, message: DONE[input.action] }
}

async function chosenTransferee(deps: CoreDeps, staffId: number, ticket: TicketRow) {
  const staff = await findStaff(deps.db, staffId)
  return staff?.active && staff.id !== ticket.assigneeId ? { staff } : null
}

const EVENT_NAMES: Record<TicketAction, string> = {
  assign: 'assigned',
  accept: 'accepted',
  transfer: 'transferred',
  request_approval: 'approval_requested',
  approve: 'approved',
  reject: 'rejected',
  resolve: 'resolved',
  close: 'closed',
  reopen: 'reopened',
}
