// Tickets for the console and the admin API: what a person may see (an admin everything, an official their
// department's, staff their own), and deciding or reassigning through `performTicketAction`, the very path a card
// click takes: the same role checks, the same optimistic version (a card click and a console click racing yield one
// decision), the same notifications and card refreshes. The audit entry is written inside the action's transaction.
import { recordAudit } from '../../admin/audit.ts'
import { operatorOf, type Principal, type Via } from '../../admin/principal.ts'
import type { DbOrTx } from '../../db/client.ts'
import type { CoreDeps } from '../../deps.ts'
import { findStaff } from '../staff/staff.repo.ts'
import { categoryLabel } from './categories.ts'
import { overdueReason } from './sla.ts'
import { ACTIVE_STATUSES, statusLabel, type TicketAction } from './state-machine.ts'
import { type ActionOutcome, performTicketAction } from './ticket.actions.ts'

/** The tickets a principal may see, as a Prisma filter. */
export function visibleTickets(p: Principal) {
  if (p.kind !== 'staff' || p.staff.role === 'admin') return {}
  if (p.staff.role === 'official') {
    const department = p.staff.department
    return { OR: [{ approvalDepartment: department }, { assignee: { department } }] }
  }
  return { assigneeId: p.staff.id }
}

export interface TicketFilter {
  status?: string
  category?: string
  /** Tickets of this department (assignee's or approving). */
  department?: string
  /** Only those past a first-response or resolution time. */
  overdue?: boolean
  /** Part of the number, the description or the enterprise's name. */
  q?: string
}

function whereOf(p: Principal, f: TicketFilter, now: Date) {
  const and: object[] = [visibleTickets(p)]
  if (f.status === 'active') and.push({ status: { in: ACTIVE_STATUSES } })
  else if (f.status) and.push({ status: f.status })
  if (f.category) and.push({ category: f.category })
  if (f.department) and.push({ OR: [{ approvalDepartment: f.department }, { assignee: { department: f.department } }] })
  if (f.q) {
    and.push({
      OR: [
        { number: { contains: f.q } },
        { description: { contains: f.q } },
        { enterprise: { name: { contains: f.q } } },
      ],
    })
  }
  if (f.overdue) {
    and.push({
      status: { notIn: ['resolved', 'closed'] },
      OR: [{ firstRespondedAt: null, firstResponseDue: { lte: now } }, { resolutionDue: { lte: now } }],
    })
  }
  return { AND: and }
}

const iso = (d: Date | null) => d?.toISOString() ?? null

const WITH_NAMES = {
  enterprise: { select: { name: true } },
  assignee: { select: { name: true, department: true } },
} as const

type Row = Awaited<ReturnType<typeof findWithNames>>[number]
const findWithNames = (db: DbOrTx, where: object, page?: { skip: number; take: number }) =>
  db.ticket.findMany({ where, orderBy: { id: 'desc' }, include: WITH_NAMES, ...page })

function toItem(t: Row, now: Date) {
  return {
    id: t.id,
    number: t.number,
    status: t.status,
    statusLabel: statusLabel(t.status),
    category: t.category,
    categoryLabel: categoryLabel(t.category),
    description: t.description,
    enterprise: t.enterprise?.name ?? null,
    enterpriseId: t.enterpriseId,
    assignee: t.assignee?.name ?? null,
    assigneeId: t.assigneeId,
    assigneeDepartment: t.assignee?.department ?? null,
    needsApproval: t.needsApproval,
    approvalDepartment: t.approvalDepartment,
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    firstResponseDue: iso(t.firstResponseDue),
    resolutionDue: iso(t.resolutionDue),
    firstRespondedAt: iso(t.firstRespondedAt),
    resolvedAt: iso(t.resolvedAt),
    overdue: overdueReason({ ...t, escalatedAt: null }, now),
  }
}
export type TicketListItem = ReturnType<typeof toItem>

export async function listTickets(
  deps: CoreDeps,
  p: Principal,
  filter: TicketFilter,
  page: { skip: number; take: number },
) {
  const now = deps.clock.now()
  const where = whereOf(p, filter, now)
  const [rows, total] = await Promise.all([findWithNames(deps.db, where, page), deps.db.ticket.count({ where })])
  return { items: rows.map((t) => toItem(t, now)), total }
}

/** One ticket with its steps, if the principal may see it (null otherwise: not found and not allowed look alike). */
export async function ticketDetail(deps: CoreDeps, p: Principal, id: number) {
  const [row] = await findWithNames(deps.db, { AND: [visibleTickets(p), { id }] })
  if (!row) return null
  const events = await deps.db.ticketEvent.findMany({ where: { ticketId: id }, orderBy: { id: 'asc' } })
  const satisfaction = await deps.db.satisfaction.findUnique({ where: { ticketId: id } })
  return {
    ...toItem(row, deps.clock.now()),
    events: events.map((e) => ({
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorName: e.actorName,
      comment: e.comment,
      at: e.at.toISOString(),
    })),
    satisfaction: satisfaction ? { score: satisfaction.score, comment: satisfaction.comment } : null,
  }
}

export interface StaffActionInput {
  ticketId: number
  version: number
  action: Extract<TicketAction, 'approve' | 'reject' | 'transfer' | 'accept' | 'resolve' | 'request_approval'>
  comment?: string | null
  transferTo?: number
  /** With the admin token (no staff record): the staff member on whose behalf the change is made. */
  onBehalfOf?: number
}

export type StaffActionOutcome = ActionOutcome | { ok: false; reason: 'no_identity'; message: string }

/** A ticket action by a console user or an API caller, through the card's own path, audited. */
export async function actOnTicket(
  deps: CoreDeps,
  p: Principal,
  via: Via,
  input: StaffActionInput,
): Promise<StaffActionOutcome> {
  const staff = p.kind === 'staff' ? p.staff : input.onBehalfOf ? await findStaff(deps.db, input.onBehalfOf) : null
  const operator = staff ? operatorOf(staff, p.kind === 'staff' ? p.method : undefined) : null
  if (!staff || !operator) {
    return {
      ok: false,
      reason: 'no_identity',
      message:
        p.kind === 'token' ? '使用管理令牌时，请用 staffId 指明代哪位工作人员办理。' : '您的账号未关联任何平台身份。',
    }
  }
  const before = await deps.db.ticket.findUnique({ where: { id: input.ticketId } })
  return performTicketAction(deps, {
    ticketId: input.ticketId,
    version: input.version,
    action: input.action,
    operator,
    comment: input.comment ?? null,
    transferTo: input.transferTo,
    extra: (tx: DbOrTx, after) =>
      recordAudit(
        tx,
        p,
        via,
        {
          action: `ticket.${input.action}`,
          subject: `ticket:${input.ticketId}`,
          before: before && pickAudit(before),
          after: {
            ...pickAudit(after),
            comment: input.comment ?? null,
            onBehalfOf: p.kind === 'token' ? staff.name : undefined,
          },
        },
        deps.clock.now(),
      ),
  })
}

const pickAudit = (t: { status: string; assigneeId: number | null; version: number }) => ({
  status: t.status,
  assigneeId: t.assigneeId,
  version: t.version,
})
