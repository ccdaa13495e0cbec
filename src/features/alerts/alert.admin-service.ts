// Alerts for the console and the admin API: what a person may see (an admin everything, an official their
// department's — published by its people or waiting for its approval —, staff what they published and what reaches
// the enterprises they cover), with receipt counts; and drafting, confirming and deciding through publish.ts, the
// very functions the chat cards use (same role checks, same version guard, same approval card and fan-out). Every
// change is audited.
import { recordAudit } from '../../admin/audit.ts'
import { operatorOf, type Principal, type Via } from '../../admin/principal.ts'
import type { Actor } from '../../bot/types.ts'
import type { DbOrTx } from '../../db/client.ts'
import type { CoreDeps } from '../../deps.ts'
import { findStaff } from '../staff/staff.repo.ts'
import type { StaffView } from '../staff/staff.schema.ts'
import { type AlertRow, type AlertStatus, alertNumber, findAlert, toAlert } from './alert.repo.ts'
import { type AlertDraft, describeAudience } from './alert.schema.ts'
import {
  audienceCounts,
  confirmAlert,
  decideAlert,
  draftAlert,
  mayDecide,
  mayPublish,
  type Outcome,
} from './publish.ts'
import { summaryCounts } from './summary.ts'

export const STATUS_LABELS: Record<AlertStatus, string> = {
  draft: '草稿（待确认发布）',
  pending_approval: '待审批',
  sent: '已发出',
  rejected: '已驳回',
  cancelled: '已取消',
}

/** The alerts a principal may see, as a Prisma filter. */
export async function visibleAlerts(db: DbOrTx, p: Principal): Promise<object> {
  if (p.kind !== 'staff' || p.staff.role === 'admin') return {}
  const me = p.staff
  if (me.role === 'official') {
    const colleagues = await db.staff.findMany({ where: { department: me.department }, select: { id: true } })
    return { OR: [{ approvalDepartment: me.department }, { publisherId: { in: colleagues.map((s) => s.id) } }] }
  }
  // Staff cover enterprises by industry and town (audience.ts `covering`); none named covers none.
  const covers = me.industries.length + me.towns.length > 0
  const covered = covers
    ? await db.enterprise.findMany({
        where: {
          ...(me.industries.length ? { industry: { in: me.industries } } : {}),
          ...(me.towns.length ? { town: { in: me.towns } } : {}),
        },
        select: { id: true },
      })
    : []
  const reach = covered.length ? [{ recipients: { some: { enterpriseId: { in: covered.map((e) => e.id) } } } }] : []
  return { OR: [{ publisherId: me.id }, ...reach] }
}

export interface AlertFilter {
  level?: string
  source?: string
  status?: string
}

const iso = (d: Date | null) => d?.toISOString() ?? null

async function toItem(db: DbOrTx, alert: AlertRow, publishers: Map<number, string>) {
  const c = await summaryCounts(db, alert)
  const answered = c.acknowledged + c.needsHelp
  return {
    id: alert.id,
    number: alertNumber(alert.id),
    title: alert.title,
    level: alert.level,
    source: alert.source,
    status: alert.status,
    statusLabel: STATUS_LABELS[alert.status],
    publisherId: alert.publisherId,
    publisher: publishers.get(alert.publisherId) ?? null,
    version: alert.version,
    receiptDue: alert.receiptDue.toISOString(),
    createdAt: alert.createdAt.toISOString(),
    sentAt: iso(alert.sentAt),
    enterprises: c.enterprises,
    delivered: c.delivered,
    acknowledged: c.acknowledged,
    needsHelp: c.needsHelp,
    silent: c.enterprises - answered,
    /** Per cent of the audience enterprises that answered; null before the alert is sent. */
    receiptRate: c.enterprises ? Math.round((answered / c.enterprises) * 100) : null,
  }
}
export type AlertListItem = Awaited<ReturnType<typeof toItem>>

async function publisherNames(db: DbOrTx, ids: number[]) {
  const rows = await db.staff.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } })
  return new Map(rows.map((r) => [r.id, r.name]))
}

export async function listAlerts(
  deps: CoreDeps,
  p: Principal,
  filter: AlertFilter,
  page: { skip: number; take: number },
) {
  const where = {
    AND: [
      await visibleAlerts(deps.db, p),
      filter.level ? { level: filter.level } : {},
      filter.source ? { source: filter.source } : {},
      filter.status ? { status: filter.status } : {},
    ],
  }
  const [rows, total] = await Promise.all([
    deps.db.alert.findMany({ where, orderBy: { id: 'desc' }, ...page }),
    deps.db.alert.count({ where }),
  ])
  const alerts = rows.map(toAlert)
  const names = await publisherNames(
    deps.db,
    alerts.map((a) => a.publisherId),
  )
  const items = []
  for (const alert of alerts) items.push(await toItem(deps.db, alert, names))
  return { items, total }
}

const RECEIPT_LABELS: Record<string, string> = { acknowledged: '已知悉', needs_help: '需要帮助' }

/** One alert with its audience and each enterprise's receipt, if the principal may see it (else null). */
export async function alertDetail(deps: CoreDeps, p: Principal, id: number) {
  const row = await deps.db.alert.findFirst({ where: { AND: [await visibleAlerts(deps.db, p), { id }] } })
  if (!row) return null
  const alert = toAlert(row)
  const item = await toItem(deps.db, alert, await publisherNames(deps.db, [alert.publisherId]))
  const open = alert.status === 'draft' || alert.status === 'pending_approval'
  const preview = open ? await audienceCounts(deps, alert, alert.publisherPlatform) : null
  const recipients = await deps.db.alertRecipient.findMany({ where: { alertId: id }, orderBy: { enterpriseId: 'asc' } })
  const enterprises = await deps.db.enterprise.findMany({
    where: { id: { in: recipients.map((r) => r.enterpriseId) } },
    select: { id: true, name: true, creditCode: true },
  })
  const ticketIds = recipients.flatMap((r) => (r.ticketId ? [r.ticketId] : []))
  const tickets = await deps.db.ticket.findMany({
    where: { id: { in: ticketIds } },
    select: { id: true, number: true, status: true, enterpriseId: true },
  })
  const byId = new Map(enterprises.map((e) => [e.id, e]))
  return {
    ...item,
    action: alert.action,
    audience: alert.audience,
    audienceText: describeAudience(alert.audience),
    approvalDepartment: alert.approvalDepartment,
    decidedBy: alert.decidedBy,
    decidedAt: iso(alert.decidedAt),
    preview,
    receipts: recipients.map((r) => ({
      enterpriseId: r.enterpriseId,
      enterprise: byId.get(r.enterpriseId)?.name ?? null,
      creditCode: byId.get(r.enterpriseId)?.creditCode ?? null,
      receipt: r.receipt,
      receiptLabel: r.receipt ? RECEIPT_LABELS[r.receipt]! : '未回执',
      by: r.receiptName,
      at: iso(r.receiptAt),
      ticket: tickets.find((t) => t.id === r.ticketId)?.number ?? null,
    })),
    helpTickets: tickets.map((t) => ({
      number: t.number,
      status: t.status,
      enterprise: t.enterpriseId ? (byId.get(t.enterpriseId)?.name ?? null) : null,
    })),
  }
}
export type AlertDetail = NonNullable<Awaited<ReturnType<typeof alertDetail>>>

export type Refusal = { ok: false; status: 403 | 404 | 409 | 422; error: string; message: string }
const refuse = (status: Refusal['status'], error: string, message: string): Refusal => ({
  ok: false,
  status,
  error,
  message,
})

/**
 * Who acts: the signed-in staff member; with the admin token (no staff record) the staff member the body names,
 * who must be an active member of the directory, and whose rights are then checked exactly as if they clicked.
 */
export async function actingStaff(
  deps: CoreDeps,
  p: Principal,
  staffId?: number,
): Promise<{ ok: true; staff: StaffView } | Refusal> {
  if (p.kind === 'staff') {
    if (staffId && staffId !== p.staff.id) return refuse(403, 'forbidden', '只能以本人身份操作。')
    return { ok: true, staff: p.staff }
  }
  if (!staffId) return refuse(422, 'no_identity', '使用管理令牌时，请用 staffId 指明以哪位工作人员的身份操作。')
  const staff = await findStaff(deps.db, staffId)
  if (!staff?.active) return refuse(422, 'no_identity', '该工作人员不在名录中或已停用。')
  return { ok: true, staff }
}

const method = (p: Principal) => (p.kind === 'staff' ? p.method : undefined)

const auditView = (a: AlertRow) => ({
  title: a.title,
  level: a.level,
  source: a.source,
  audience: a.audience,
  action: a.action,
  receiptDue: a.receiptDue.toISOString(),
  status: a.status,
  version: a.version,
})

const audit = (deps: CoreDeps, p: Principal, via: Via, action: string, before: AlertRow | null, after: AlertRow) =>
  recordAudit(
    deps.db,
    p,
    via,
    { action, subject: `alert:${after.id}`, before: before && auditView(before), after: auditView(after) },
    deps.clock.now(),
  )

/** A draft and its resolved audience; refused (422) when the audience holds no enterprise. Nothing is sent. */
export async function createAlertDraft(deps: CoreDeps, p: Principal, via: Via, draft: AlertDraft, staffId?: number) {
  const acting = await actingStaff(deps, p, staffId)
  if (!acting.ok) return acting
  const platform = operatorOf(acting.staff, method(p))?.platform ?? 'console'
  const made = await draftAlert(deps, acting.staff, draft, platform)
  if (!made.ok) return refuse(422, 'empty_audience', made.message)
  await audit(deps, p, via, 'alert.draft', null, made.alert)
  return { ok: true as const, alert: made.alert, counts: made.counts }
}

export interface AlertActInput {
  id: number
  version: number
  staffId?: number
}

/** The operator a staff member acts as, and the alert, once the rule says they may. */
async function prepare(
  deps: CoreDeps,
  p: Principal,
  input: AlertActInput,
  may: (staff: StaffView, alert: AlertRow) => boolean,
  denied: string,
) {
  const alert = await findAlert(deps.db, input.id)
  if (!alert) return refuse(404, 'not_found', '未找到该预警。')
  const acting = await actingStaff(deps, p, input.staffId)
  if (!acting.ok) return acting
  if (!may(acting.staff, alert)) return refuse(403, 'forbidden', denied)
  const operator = operatorOf(acting.staff, method(p))
  if (!operator) return refuse(422, 'no_identity', '该工作人员的账号未关联任何平台身份，无法操作。')
  return { ok: true as const, alert, operator }
}

/** A step on an alert by a staff member the rule allows, through the card's own function, audited. */
async function act(
  deps: CoreDeps,
  p: Principal,
  via: Via,
  input: AlertActInput,
  step: { may: typeof mayPublish; denied: string; audit: string; run: (operator: Actor) => Promise<Outcome> },
) {
  const ready = await prepare(deps, p, input, step.may, step.denied)
  if (!ready.ok) return ready
  const outcome = await step.run(ready.operator)
  if (!outcome.ok) return refuse(409, 'conflict', outcome.message)
  await audit(deps, p, via, step.audit, ready.alert, outcome.alert)
  return { ok: true as const, alert: outcome.alert, message: outcome.message }
}

/** 确认发布 (or 取消) a draft: the publisher or an admin; 严重 goes to the department's official for approval. */
export const confirmAlertBy = (deps: CoreDeps, p: Principal, via: Via, input: AlertActInput, cancel = false) =>
  act(deps, p, via, input, {
    may: mayPublish,
    denied: '只有该预警的发布人（或管理员）可以确认或取消。',
    audit: cancel ? 'alert.cancel' : 'alert.confirm',
    run: (operator) => confirmAlert(deps, operator, { al: input.id, av: input.version }, cancel),
  })

/** 同意发布 / 驳回 a 严重 alert: an official of the publisher's department or an admin (`mayDecide`, as on the card). */
export const decideAlertBy = (deps: CoreDeps, p: Principal, via: Via, input: AlertActInput, approve: boolean) =>
  act(deps, p, via, input, {
    may: mayDecide,
    denied: '只有发布人所在科室的负责人（或管理员）可以审批该预警。',
    audit: approve ? 'alert.approve' : 'alert.reject',
    run: (operator) => decideAlert(deps, operator, { al: input.id, av: input.version }, approve),
  })
