// The functions that fill the ticket cards (ticket.card-defs.ts) from a ticket. Button values carry the
// ticket id and the ticket version the card showed (`t`, `tv`): a click on an out-of-date card changes nothing.

import type { Platform } from '../../bot/types.ts'
import type { CardModel } from '../../cards/model.ts'
import type { CoreDeps } from '../../deps.ts'
import { CATEGORIES, categoryLabel } from './categories.ts'
import { statusLabel, type TicketStatus } from './state-machine.ts'
import { approvalCard, type Button, confirmCard, satisfactionCard, taskCard } from './ticket.card-defs.ts'
import type { TicketRow } from './ticket.repo.ts'
import { fullTime, shortTime } from './time.ts'

/** Where cards hold forms, one card asks everything; elsewhere people click buttons and type the comment after. */
export const hasForms = (deps: Pick<CoreDeps, 'capabilities'>, platform: Platform) => deps.capabilities(platform).forms

const ref = (t: TicketRow) => ({ t: t.id, tv: t.version })
export const categoryOptions = () => CATEGORIES.map((c) => ({ value: c.code, label: c.label }))

export interface TicketContext {
  ticket: TicketRow
  enterpriseName: string | null
  assigneeName: string | null
}

const baseFields = ({ ticket, enterpriseName, assigneeName }: TicketContext) => [
  { label: '企业', value: enterpriseName ?? '未绑定企业' },
  { label: '服务类别', value: categoryLabel(ticket.category) },
  { label: '状态', value: statusLabel(ticket.status) },
  ...(assigneeName ? [{ label: '质量管家', value: assigneeName }] : []),
  ...(ticket.preferredTime ? [{ label: '期望时间', value: ticket.preferredTime }] : []),
]

export function renderConfirmCard(ctx: TicketContext, phoneMasked: string, hint?: string) {
  const { ticket } = ctx
  return confirmCard({
    number: ticket.number,
    categoryLabel: categoryLabel(ticket.category),
    statusLabel: statusLabel(ticket.status),
    assigneeName: ctx.assigneeName ?? undefined,
    firstResponseDue: ticket.firstResponseDue ? fullTime(ticket.firstResponseDue) : undefined,
    phoneMasked,
    preferredTime: ticket.preferredTime ?? undefined,
    hint,
  })
}

/**
 * Each action keeps one reply number on every version of a ticket card (where buttons are pressed by typing a
 * number; src/bot/numbered-reply.ts): 办结 is 4 whether 接单 is still shown or not, so a number remembered from an
 * older version never presses another action.
 */
export const TICKET_BUTTON_NUMBERS: Record<string, number> = {
  'ticket.accept': 1,
  'ticket.transfer': 2,
  'ticket.request_approval': 3,
  'ticket.resolve': 4,
  'ticket.approve': 1,
  'ticket.reject': 2,
  'ticket.reopen': 6,
}

/** The task card's title and tone once the ticket has moved on from the occasion it was sent for. */
const STATUS_LOOK: Partial<Record<TicketStatus, { heading: string; tone: string }>> = {
  in_progress: { heading: '工单办理中', tone: 'blue' },
  pending_approval: { heading: '工单待审批', tone: 'orange' },
  approved: { heading: '审批已通过，待办结', tone: 'green' },
  rejected: { heading: '审批未通过，待处理', tone: 'red' },
  resolved: { heading: '工单已办结', tone: 'green' },
  closed: { heading: '工单已关闭', tone: 'grey' },
}

const STATUS_HEADINGS = new Set(Object.values(STATUS_LOOK).map((l) => l.heading))

/** The occasion a task card was sent for, read back from its title (a title the status gave names none). */
export const occasionOf = (previous?: CardModel) =>
  previous?.title && !STATUS_HEADINGS.has(previous.title) ? previous.title : '工单待办'

const TASK_BUTTONS: Partial<Record<TicketStatus, [string, string][]>> = {
  assigned: [
    ['接单', 'ticket.accept'],
    ['转派', 'ticket.transfer'],
    ['需要审批', 'ticket.request_approval'],
    ['办结', 'ticket.resolve'],
  ],
  reopened: [
    ['接单', 'ticket.accept'],
    ['转派', 'ticket.transfer'],
  ],
  in_progress: [
    ['转派', 'ticket.transfer'],
    ['需要审批', 'ticket.request_approval'],
    ['办结', 'ticket.resolve'],
  ],
  approved: [['办结', 'ticket.resolve']],
  rejected: [
    ['办结', 'ticket.resolve'],
    ['重新提交审批', 'ticket.request_approval'],
  ],
}

/** The subject every card about a ticket carries (SentCard.subject), so all copies can be updated together. */
export const ticketSubject = (ticketId: number) => `ticket:${ticketId}`
const aboutTicket = (ticketId: number, card: CardModel): CardModel => ({ ...card, subject: ticketSubject(ticketId) })

/**
 * The assignee's card; the phone is shown in full here only (the assignee must call back). `heading` names the
 * occasion (新工单待处理, 转派给您的工单 …) while the ticket waits to be taken (assigned, reopened); after that the
 * title and tone follow the status (a closed ticket reads 工单已关闭, never 新工单待处理).
 */
export function renderTaskCard(ctx: TicketContext, heading = '工单待办') {
  const { ticket } = ctx
  const status = ticket.status as TicketStatus
  const look = STATUS_LOOK[status]
  const buttons: Button[] = (TASK_BUTTONS[status] ?? [])
    .filter(([, action]) => !(action === 'ticket.resolve' && ticket.needsApproval && status === 'in_progress'))
    .map(([label, action], i) => ({
      label,
      action,
      style: i === 0 ? 'primary' : 'default',
      value: ref(ticket),
      number: TICKET_BUTTON_NUMBERS[action],
    }))
  const due = ticket.firstRespondedAt ? ticket.resolutionDue : ticket.firstResponseDue
  const dueLabel = ticket.firstRespondedAt ? '办结时限' : '首次响应时限'
  const waiting = status === 'pending_approval' ? '已提交审批，请等待科室负责人审批。' : undefined
  return aboutTicket(
    ticket.id,
    taskCard({
      heading: look?.heading ?? heading,
      number: ticket.number,
      tone: look?.tone ?? 'blue',
      fields: [...baseFields(ctx), ...(ticket.phone ? [{ label: '联系电话', value: ticket.phone }] : [])],
      description: ticket.description,
      note: waiting ?? (due && !ticket.resolvedAt ? `${dueLabel}：${fullTime(due)}` : undefined),
      buttons,
    }),
  )
}

export interface Decision {
  action: string
  actorName: string | null
  at: Date
  comment: string | null
}

export const decisionText = (d: Decision) =>
  `${d.action === 'approved' ? '已同意' : '已驳回'} · ${d.actorName ?? '审批人'} · ${shortTime(d.at)}${d.comment ? `　意见：${d.comment}` : ''}`

export function renderApprovalCard(ctx: TicketContext, forms: boolean, decision: Decision | null) {
  const { ticket } = ctx
  const pending = ticket.status === 'pending_approval'
  const buttons: Button[] = pending
    ? [
        { label: '同意', action: 'ticket.approve', style: 'primary', value: ref(ticket), number: 1 },
        { label: '驳回', action: 'ticket.reject', style: 'danger', value: ref(ticket), number: 2 },
      ]
    : []
  return aboutTicket(
    ticket.id,
    approvalCard({
      number: ticket.number,
      tone: pending ? 'orange' : decision?.action === 'approved' ? 'green' : decision ? 'red' : 'grey',
      fields: baseFields(ctx),
      description: ticket.description,
      decided: decision ? decisionText(decision) : pending ? undefined : `当前状态：${statusLabel(ticket.status)}`,
      form: pending && forms,
      formValue: ref(ticket),
      buttons: pending && !forms ? buttons : [],
      note: pending ? '同意或驳回后，企业联系人和质量管家会收到通知。' : undefined,
    }),
  )
}

const SCORE_LABELS = ['1分 非常不满意', '2分 不满意', '3分 一般', '4分 满意', '5分 非常满意']

export function renderSatisfactionCard(ctx: TicketContext, forms: boolean, result?: string) {
  const { ticket } = ctx
  const open = !result && ticket.status === 'resolved'
  const scores: Button[] = [5, 4, 3, 2, 1].map((s) => ({
    label: SCORE_LABELS[s - 1]!,
    action: 'ticket.rate',
    style: s === 5 ? 'primary' : 'default',
    value: { ...ref(ticket), s },
    number: 6 - s,
  }))
  const reopen: Button = {
    label: '问题未解决',
    action: 'ticket.reopen',
    style: 'default',
    value: ref(ticket),
    number: forms ? 1 : TICKET_BUTTON_NUMBERS['ticket.reopen'],
  }
  return aboutTicket(
    ticket.id,
    satisfactionCard({
      number: ticket.number,
      categoryLabel: categoryLabel(ticket.category),
      assigneeName: ctx.assigneeName ?? '工作人员',
      result,
      form: open && forms,
      formValue: ref(ticket),
      buttons: open ? [...(forms ? [] : scores), reopen] : [],
    }),
  )
}
