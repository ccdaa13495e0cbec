// The tickets' part of the Monday summary for department leads: last week's tickets in and closed, how many kept
// their SLA, the satisfaction scores and the escalations, for the lead's department (a ticket belongs to the
// department of its category, as routing and escalation have it).
import type { DigestRecipient, DigestRun, DigestSection, DigestSectionFor } from '../../bot/digest.ts'
import type { CoreDeps } from '../../deps.ts'
import { categoryOf } from './categories.ts'
import { satisfactionBetween } from './satisfaction.ts'

interface Tally {
  opened: number
  resolved: number
  kept: number
  escalated: number
  scores: number[]
}

const empty = (): Tally => ({ opened: 0, resolved: 0, kept: 0, escalated: 0, scores: [] })
const departmentOf = (category: string) => categoryOf(category).department
const percent = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`

/** Met both clocks: the first response and the resolution within their times. */
const keptSla = (t: {
  firstResponseDue: Date | null
  resolutionDue: Date | null
  firstRespondedAt: Date | null
  resolvedAt: Date | null
}) =>
  (!t.firstResponseDue || (t.firstRespondedAt !== null && t.firstRespondedAt <= t.firstResponseDue)) &&
  (!t.resolutionDue || (t.resolvedAt !== null && t.resolvedAt <= t.resolutionDue))

export async function collectWeeklyTickets(deps: CoreDeps, run: DigestRun): Promise<DigestSectionFor> {
  const span = { gte: run.from, lt: run.to }
  const tallies = new Map<string, Tally>()
  const tally = (category: string) => {
    const key = departmentOf(category)
    const t = tallies.get(key) ?? empty()
    tallies.set(key, t)
    return t
  }
  const columns = { category: true } as const
  for (const t of await deps.db.ticket.findMany({ where: { createdAt: span }, select: columns }))
    tally(t.category).opened++
  for (const t of await deps.db.ticket.findMany({ where: { escalatedAt: span }, select: columns }))
    tally(t.category).escalated++
  const resolved = await deps.db.ticket.findMany({
    where: { resolvedAt: span },
    select: { ...columns, firstResponseDue: true, resolutionDue: true, firstRespondedAt: true, resolvedAt: true },
  })
  for (const t of resolved) {
    const row = tally(t.category)
    row.resolved++
    if (keptSla(t)) row.kept++
  }
  for (const score of (await satisfactionBetween(deps.db, run.from, run.to)).rows)
    tally(score.category).scores.push(score.score)

  return (r: DigestRecipient): DigestSection | null => {
    const t = tallies.get(r.department)
    if (!t || t.opened + t.resolved + t.escalated + t.scores.length === 0) return null
    const average = t.scores.length ? (t.scores.reduce((a, b) => a + b, 0) / t.scores.length).toFixed(2) : null
    return {
      title: '工单',
      summary: `新收 ${t.opened} 件，办结 ${t.resolved} 件`,
      lines: [
        `按时办结：${t.resolved ? `${t.kept} / ${t.resolved} 件（${percent(t.kept, t.resolved)}）` : '上周无办结工单'}`,
        `企业满意度：${average ? `${average} 分（${t.scores.length} 份评价）` : '上周无评价'}`,
        `超时升级：${t.escalated} 件`,
      ],
      urgent: t.escalated > 0,
      buttons: [],
    }
  }
}
