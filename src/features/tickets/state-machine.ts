// The ticket lifecycle as data: which action moves a ticket from which states to which, and who may do it.
//   open → assigned → in_progress → (pending_approval → approved | rejected) → resolved → closed | reopened
// Pure: the service asks `transition()` before it writes, the tests pin every edge.

export const TICKET_STATUSES = [
  'open',
  'assigned',
  'in_progress',
  'pending_approval',
  'approved',
  'rejected',
  'resolved',
  'closed',
  'reopened',
] as const
export type TicketStatus = (typeof TICKET_STATUSES)[number]

/** Who is acting, as far as the lifecycle cares (the role checks in staff.roles.ts decide who is who). */
export type Party = 'system' | 'assignee' | 'supervisor' | 'approver' | 'contact' | 'admin'

export type TicketAction =
  | 'assign'
  | 'accept'
  | 'transfer'
  | 'request_approval'
  | 'approve'
  | 'reject'
  | 'resolve'
  | 'close'
  | 'reopen'

interface Rule {
  from: TicketStatus[]
  to: TicketStatus
  by: Party[]
}

export const TRANSITIONS: Record<TicketAction, Rule> = {
  assign: { from: ['open', 'reopened'], to: 'assigned', by: ['system', 'admin'] },
  accept: { from: ['assigned', 'reopened'], to: 'in_progress', by: ['assignee', 'admin'] },
  transfer: { from: ['assigned', 'in_progress', 'reopened'], to: 'assigned', by: ['assignee', 'supervisor', 'admin'] },
  request_approval: {
    from: ['assigned', 'in_progress', 'rejected'],
    to: 'pending_approval',
    by: ['assignee', 'admin'],
  },
  approve: { from: ['pending_approval'], to: 'approved', by: ['approver', 'admin'] },
  reject: { from: ['pending_approval'], to: 'rejected', by: ['approver', 'admin'] },
  resolve: { from: ['assigned', 'in_progress', 'approved', 'rejected'], to: 'resolved', by: ['assignee', 'admin'] },
  close: { from: ['resolved'], to: 'closed', by: ['contact', 'system', 'admin'] },
  reopen: { from: ['resolved'], to: 'reopened', by: ['contact', 'admin'] },
}

export type TransitionCheck =
  | { ok: true; to: TicketStatus }
  | { ok: false; reason: 'not_allowed' | 'wrong_state' | 'needs_approval' }

export const isTicketStatus = (value: string): value is TicketStatus =>
  (TICKET_STATUSES as readonly string[]).includes(value)

/**
 * Whether `parties` (everything the actor is for this ticket) may take `action` now.
 * A ticket that needs approval cannot be resolved before an official decided it.
 */
export function transition(
  action: TicketAction,
  ticket: { status: string; needsApproval: boolean },
  parties: Party[],
): TransitionCheck {
  const rule = TRANSITIONS[action]
  if (!parties.some((p) => rule.by.includes(p))) return { ok: false, reason: 'not_allowed' }
  if (!isTicketStatus(ticket.status) || !rule.from.includes(ticket.status)) return { ok: false, reason: 'wrong_state' }
  if (action === 'resolve' && ticket.needsApproval && !['approved', 'rejected'].includes(ticket.status)) {
    return { ok: false, reason: 'needs_approval' }
  }
  return { ok: true, to: rule.to }
}

/** Statuses in which a ticket still waits for someone at the bureau. */
export const ACTIVE_STATUSES: TicketStatus[] = [
  'open',
  'assigned',
  'in_progress',
  'pending_approval',
  'approved',
  'rejected',
  'reopened',
]

export const STATUS_LABELS: Record<TicketStatus, string> = {
  open: '待分派',
  assigned: '已分派',
  in_progress: '办理中',
  pending_approval: '待审批',
  approved: '审批通过',
  rejected: '审批未通过',
  resolved: '已办结',
  closed: '已关闭',
  reopened: '已重新打开',
}

export const statusLabel = (status: string) => (isTicketStatus(status) ? STATUS_LABELS[status] : status)
