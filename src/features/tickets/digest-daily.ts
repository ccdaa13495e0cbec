// The tickets' part of a staff member's daily digest: their open tickets by urgency (overdue, due today, later)
// with the SLA clock, the approvals waiting for them, and for an official the department's counts per staff member.
// Loaded once per run (every active ticket, a few columns), answered per person from memory.
import type { DigestButton, DigestRecipient, DigestRun, DigestSection, DigestSectionFor } from '../../bot/digest.ts'
import type { CoreDeps } from '../../deps.ts'
import { categoryLabel } from './categories.ts'
import { WORK_CALENDAR } from './sla.ts'
import { ACTIVE_STATUSES } from './state-machine.ts'
import { TICKET_BUTTON_NUMBERS } from './ticket.cards.ts'
import { shortTime } from './time.ts'
import { shanghaiDate, workingMinutesBetween } from './working-hours.ts'

/** Lines per section: enough to act on, short enough for a phone. */
export const DIGEST_LINES = 5

/** Reply numbers of the digest's ticket buttons (the digests feature numbers its own after these). */
export const DIGEST_BUTTON_NUMBERS = { accept: TICKET_BUTTON_NUMBERS['ticket.accept']!, approve: 2, mine: 3 }

interface OpenTicket {
  id: number
  number: string
  category: string
  status: string
  version: number
  assigneeId: number | null
  approvalDepartment: string | null
  enterpriseId: number | null
  firstResponseDue: Date | null
  resolutionDue: Date | null
  firstRespondedAt: Date | null
}

type Urgency = 'overdue' | 'today' | 'later'

const dueOf = (t: OpenTicket) => (t.firstRespondedAt ? t.resolutionDue : t.firstResponseDue)

function urgencyOf(t: OpenTicket, now: Date): Urgency {
  const due = dueOf(t)
  if (!due) return 'later'
  if (due <= now) return 'overdue'
  return shanghaiDate(due) === shanghaiDate(now) ? 'today' : 'later'
}

const RANK: Record<Urgency, number> = { overdue: 0, today: 1, later: 2 }

/** "已超时 2 小时 15 分" / "剩余 1 小时 30 分", in working time (the SLA clock only runs in office hours). */
function clock(t: OpenTicket, now: Date): string {
  const due = dueOf(t)
  if (!due) return ''
  const late = due <= now
  const minutes = late ? workingMinutesBetween(due, now, WORK_CALENDAR) : workingMinutesBetween(now, due, WORK_CALENDAR)
  const span =
    minutes >= 60 ? `${Math.floor(minutes / 60)} 小时${minutes % 60 ? ` ${minutes % 60} 分` : ''}` : `${minutes} 分`
  const what = t.firstRespondedAt ? '办结' : '首次响应'
  return late ? `${what}已超时 ${span}` : `${what}时限 ${shortTime(due)}（剩余 ${span}工作时间）`
}

const byUrgency = (now: Date) => (a: OpenTicket, b: OpenTicket) =>
  RANK[urgencyOf(a, now)] - RANK[urgencyOf(b, now)] ||
  (dueOf(a)?.getTime() ?? Number.POSITIVE_INFINITY) - (dueOf(b)?.getTime() ?? Number.POSITIVE_INFINITY) ||
  a.id - b.id

export async function collectDailyTickets(deps: CoreDeps, run: DigestRun): Promise<DigestSectionFor> {
  const { now } = run
  const tickets: OpenTicket[] = await deps.db.ticket.findMany({
    where: { status: { in: [...ACTIVE_STATUSES] } },
    select: {
      id: true,
      number: true,
      category: true,
      status: true,
      version: true,
      assigneeId: true,
      approvalDepartment: true,
      enterpriseId: true,
      firstResponseDue: true,
      resolutionDue: true,
      firstRespondedAt: true,
    },
  })
  const mine = new Map<number, OpenTicket[]>()
  const approvals = new Map<string, OpenTicket[]>()
  for (const t of tickets) {
    if (t.status === 'pending_approval' && t.approvalDepartment) {
      approvals.set(t.approvalDepartment, [...(approvals.get(t.approvalDepartment) ?? []), t])
    } else if (t.assigneeId !== null) {
      const list = mine.get(t.assigneeId)
      if (list) list.push(t)
      else mine.set(t.assigneeId, [t])
    }
  }
  const order = byUrgency(now)
  for (const list of mine.values()) list.sort(order)
  for (const list of approvals.values()) list.sort((a, b) => a.id - b.id)
  // Approvals go to the department's officials; where a department has none, to the admins (as officialsOf does).
  const withOfficials = new Set(run.recipients.filter((r) => r.role === 'official').map((r) => r.department))
  const enterpriseIds = [...new Set(tickets.map((t) => t.enterpriseId).filter((id): id is number => id !== null))]
  const names = new Map<number, string>()
  for (let i = 0; i < enterpriseIds.length; i += 5000) {
    const rows = await deps.db.enterprise.findMany({
      where: { id: { in: enterpriseIds.slice(i, i + 5000) } },
      select: { id: true, name: true },
    })
    for (const row of rows) names.set(row.id, row.name)
  }
  const line = (t: OpenTicket) =>
    `**${t.number}**　${categoryLabel(t.category)} · ${(t.enterpriseId && names.get(t.enterpriseId)) || '未绑定企业'} · ${clock(t, now)}`
  const approvalLine = (t: OpenTicket) =>
    `**${t.number}**　${categoryLabel(t.category)} · ${(t.enterpriseId && names.get(t.enterpriseId)) || '未绑定企业'} · 待您审批`

  const approvalsFor = (r: DigestRecipient): OpenTicket[] => {
    if (r.role === 'official') return approvals.get(r.department) ?? []
    if (r.role !== 'admin') return []
    return [...approvals.entries()].filter(([dept]) => !withOfficials.has(dept)).flatMap(([, list]) => list)
  }

  const departmentView = (r: DigestRecipient): string[] => {
    if (r.role !== 'official') return []
    const colleagues = run.recipients.filter((s) => s.department === r.department && s.id !== r.id)
    return colleagues.flatMap((s) => {
      const list = mine.get(s.id) ?? []
      if (!list.length) return []
      const overdue = list.filter((t) => urgencyOf(t, now) === 'overdue').length
      const today = list.filter((t) => urgencyOf(t, now) === 'today').length
      return [
        `${s.name}：在办 ${list.length} 件${overdue ? `，超时 ${overdue} 件` : ''}${today ? `，今日到期 ${today} 件` : ''}`,
      ]
    })
  }

  return (r: DigestRecipient): DigestSection | null => {
    const own = mine.get(r.id) ?? []
    const waiting = approvalsFor(r)
    const team = departmentView(r)
    if (!own.length && !waiting.length && !team.length) return null
    const overdue = own.filter((t) => urgencyOf(t, now) === 'overdue').length
    const today = own.filter((t) => urgencyOf(t, now) === 'today').length
    const pressing = [overdue ? `已超时 ${overdue} 件` : '', today ? `今日到期 ${today} 件` : ''].filter(Boolean)
    const parts = [
      own.length ? `在办 ${own.length} 件${pressing.length ? `（${pressing.join('、')}）` : ''}` : '',
      waiting.length ? `待您审批 ${waiting.length} 件` : '',
      !own.length && !waiting.length ? `本科室 ${team.length} 人有在办工单` : '',
    ].filter(Boolean)
    const lines = [...waiting.slice(0, DIGEST_LINES).map(approvalLine), ...own.slice(0, DIGEST_LINES).map(line)]
    if (team.length) lines.push(`**本科室在办情况**\n${team.join('\n')}`)
    const buttons: DigestButton[] = []
    const acceptable = own.find((t) => t.status === 'assigned' || t.status === 'reopened')
    if (acceptable)
      buttons.push({
        label: `接单 ${acceptable.number}`,
        action: 'ticket.accept',
        value: { t: acceptable.id, tv: acceptable.version },
        number: DIGEST_BUTTON_NUMBERS.accept,
      })
    if (waiting[0])
      buttons.push({
        label: `去审批 ${waiting[0].number}`,
        action: 'ticket.view',
        value: { t: waiting[0].id },
        number: DIGEST_BUTTON_NUMBERS.approve,
      })
    if (own.length || waiting.length)
      buttons.push({ label: '查看全部待办', action: 'ticket.mine', value: {}, number: DIGEST_BUTTON_NUMBERS.mine })
    return {
      title: '工单',
      summary: parts.join('，') || undefined,
      lines,
      more: Math.max(0, own.length - DIGEST_LINES) + Math.max(0, waiting.length - DIGEST_LINES),
      urgent: overdue + today > 0,
      buttons,
    }
  }
}
