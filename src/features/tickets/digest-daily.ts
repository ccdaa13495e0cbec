// The tickets' part of a staff member's daily digest: their open tickets by urgency (overdue, due today, later)
// with the SLA clock, the approvals waiting for them, and for an official the department's counts per staff member.
// Loaded once per run (digest-daily.load.ts), answered per person from memory.
import type { DigestButton, DigestRecipient, DigestRun, DigestSection, DigestSectionFor } from '../../bot/digest.ts'
import type { CoreDeps } from '../../deps.ts'
import { categoryLabel } from './categories.ts'
import { loadDetails, loadOpenTickets, type PersonTickets, type RankedTicket } from './digest-daily.load.ts'
import { WORK_CALENDAR } from './sla.ts'
import { TICKET_BUTTON_NUMBERS } from './ticket.cards.ts'
import { shortTime } from './time.ts'
import { workingMinutesBetween } from './working-hours.ts'

/** Lines per section: enough to act on, short enough for a phone. */
export const DIGEST_LINES = 5

/** Reply numbers of the digest's ticket buttons (the digests feature numbers its own after these). */
export const DIGEST_BUTTON_NUMBERS = { accept: TICKET_BUTTON_NUMBERS['ticket.accept']!, approve: 2, mine: 3 }

const NOBODY: PersonTickets = { list: [], overdue: 0, today: 0 }
const canAccept = (t: RankedTicket) => t.status === 'assigned' || t.status === 'reopened'

/** "首次响应已超时 2 小时 15 分" / "办结时限 12-03 16:00（剩余 1 小时 30 分工作时间）": the SLA clock in working time. */
function clock(t: RankedTicket, now: Date): string {
  if (!t.due) return ''
  const late = t.urgency === 'overdue'
  const minutes = late
    ? workingMinutesBetween(t.due, now, WORK_CALENDAR)
    : workingMinutesBetween(now, t.due, WORK_CALENDAR)
  const span =
    minutes >= 60 ? `${Math.floor(minutes / 60)} 小时${minutes % 60 ? ` ${minutes % 60} 分` : ''}` : `${minutes} 分`
  const what = t.responded ? '办结' : '首次响应'
  return late ? `${what}已超时 ${span}` : `${what}时限 ${shortTime(t.due)}（剩余 ${span}工作时间）`
}

export async function collectDailyTickets(deps: CoreDeps, run: DigestRun): Promise<DigestSectionFor> {
  const { now } = run
  const { people, approvals } = await loadOpenTickets(deps.db, now)
  // Approvals go to the department's officials; where a department has none, to the admins (as officialsOf does).
  const withOfficials = new Set(run.recipients.filter((r) => r.role === 'official').map((r) => r.department))
  const adminApprovals = [...approvals.entries()]
    .filter(([dept]) => !withOfficials.has(dept))
    .flatMap(([, list]) => list)
    .sort((a, b) => a.id - b.id)
  const approvalsFor = (r: DigestRecipient): RankedTicket[] =>
    r.role === 'official' ? (approvals.get(r.department) ?? []) : r.role === 'admin' ? adminApprovals : []

  // Only the tickets the cards show get their details read.
  const shown = new Set<number>()
  for (const person of people.values()) {
    for (const t of person.list.slice(0, DIGEST_LINES)) shown.add(t.id)
    const acceptable = person.list.find(canAccept)
    if (acceptable) shown.add(acceptable.id)
  }
  for (const list of [...approvals.values(), adminApprovals])
    for (const t of list.slice(0, DIGEST_LINES)) shown.add(t.id)
  const details = await loadDetails(deps.db, shown)
  const head = (t: RankedTicket) => {
    const d = details.get(t.id)
    return d ? `**${d.number}**　${categoryLabel(d.category)} · ${d.enterprise ?? '未绑定企业'}` : `工单 ${t.id}`
  }
  const byDepartment = new Map<string, DigestRecipient[]>()
  for (const r of run.recipients) byDepartment.set(r.department, [...(byDepartment.get(r.department) ?? []), r])

  const departmentView = (r: DigestRecipient): string[] => {
    if (r.role !== 'official') return []
    return (byDepartment.get(r.department) ?? []).flatMap((s) => {
      const p = people.get(s.id)
      if (s.id === r.id || !p?.list.length) return []
      const more = `${p.overdue ? `，超时 ${p.overdue} 件` : ''}${p.today ? `，今日到期 ${p.today} 件` : ''}`
      return [`${s.name}：在办 ${p.list.length} 件${more}`]
    })
  }

  return (r: DigestRecipient): DigestSection | null => {
    const own = people.get(r.id) ?? NOBODY
    const waiting = approvalsFor(r)
    const team = departmentView(r)
    if (!own.list.length && !waiting.length && !team.length) return null
    const pressing = [own.overdue ? `已超时 ${own.overdue} 件` : '', own.today ? `今日到期 ${own.today} 件` : '']
    const pressingText = pressing.filter(Boolean).join('、')
    const parts = [
      own.list.length ? `在办 ${own.list.length} 件${pressingText ? `（${pressingText}）` : ''}` : '',
      waiting.length ? `待您审批 ${waiting.length} 件` : '',
      !own.list.length && !waiting.length ? `本科室 ${team.length} 人有在办工单` : '',
    ].filter(Boolean)
    const lines = [
      ...waiting.slice(0, DIGEST_LINES).map((t) => `${head(t)} · 待您审批`),
      ...own.list.slice(0, DIGEST_LINES).map((t) => `${head(t)} · ${clock(t, now)}`),
    ]
    if (team.length) lines.push(`**本科室在办情况**\n${team.join('\n')}`)
    const buttons: DigestButton[] = []
    const acceptable = own.list.find(canAccept)
    const acceptDetails = acceptable && details.get(acceptable.id)
    if (acceptable && acceptDetails)
      buttons.push({
        label: `接单 ${acceptDetails.number}`,
        action: 'ticket.accept',
        value: { t: acceptable.id, tv: acceptDetails.version },
        number: DIGEST_BUTTON_NUMBERS.accept,
      })
    const first = waiting[0] && details.get(waiting[0].id)
    if (waiting[0] && first)
      buttons.push({
        label: `去审批 ${first.number}`,
        action: 'ticket.view',
        value: { t: waiting[0].id },
        number: DIGEST_BUTTON_NUMBERS.approve,
      })
    if (own.list.length || waiting.length)
      buttons.push({ label: '查看全部待办', action: 'ticket.mine', value: {}, number: DIGEST_BUTTON_NUMBERS.mine })
    return {
      title: '工单',
      summary: parts.join('，') || undefined,
      lines,
      more: Math.max(0, own.list.length - DIGEST_LINES) + Math.max(0, waiting.length - DIGEST_LINES),
      urgent: own.overdue + own.today > 0,
      buttons,
    }
  }
}
