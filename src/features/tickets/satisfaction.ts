// Satisfaction (满意度): the contact's 1–5 score closes a resolved ticket; the monthly roll-up per category and
// per 质量管家 feeds the digests (the policy's 效果导向: enterprise satisfaction is the measure of the work).
import type { Actor } from '../../bot/types.ts'
import type { DbOrTx } from '../../db/client.ts'
import type { CoreDeps } from '../../deps.ts'
import { categoryLabel } from './categories.ts'
import { type ActionOutcome, performTicketAction } from './ticket.actions.ts'
import { SHANGHAI_OFFSET_MS } from './working-hours.ts'

export const isScore = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5

export interface RateInput {
  ticketId: number
  version: number
  score: number
  comment?: string | null
  operator: Actor
  cardId?: string
}

/** Records the score (once: Satisfaction.ticketId is unique, and the close is versioned) and closes the ticket. */
export function rateTicket(deps: CoreDeps, input: RateInput): Promise<ActionOutcome> {
  return performTicketAction(deps, {
    ticketId: input.ticketId,
    version: input.version,
    action: 'close',
    operator: input.operator,
    comment: `满意度 ${input.score} 分`,
    cardId: input.cardId,
    extra: async (tx, ticket) => {
      await tx.satisfaction.create({
        data: {
          ticketId: ticket.id,
          score: input.score,
          comment: input.comment?.trim() || null,
          createdAt: deps.clock.now(),
        },
      })
    },
  })
}

export interface ScoreGroup {
  key: string
  label: string
  count: number
  average: number
}

export interface SatisfactionSummary {
  month: string
  count: number
  average: number | null
  byCategory: ScoreGroup[]
  byStaff: ScoreGroup[]
}

/** Start and end (exclusive) of a YYYY-MM month in Asia/Shanghai. */
export function monthRange(month: string): { from: Date; to: Date } {
  const [year, mon] = month.split('-').map(Number) as [number, number]
  const from = new Date(Date.UTC(year, mon - 1, 1) - SHANGHAI_OFFSET_MS)
  const to = new Date(Date.UTC(year, mon, 1) - SHANGHAI_OFFSET_MS)
  return { from, to }
}

const round = (n: number) => Math.round(n * 100) / 100

function group(rows: { key: string; label: string; score: number }[]): ScoreGroup[] {
  const groups = new Map<string, ScoreGroup & { total: number }>()
  for (const row of rows) {
    const g = groups.get(row.key) ?? { key: row.key, label: row.label, count: 0, average: 0, total: 0 }
    g.count++
    g.total += row.score
    groups.set(row.key, g)
  }
  return [...groups.values()]
    .map(({ total, ...g }) => ({ ...g, average: round(total / g.count) }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
}

/** The scores given in [from, to), each with its ticket's category and assignee (the weekly summary groups them). */
export async function satisfactionBetween(db: DbOrTx, from: Date, to: Date) {
  const rows = await db.satisfaction.findMany({
    where: { createdAt: { gte: from, lt: to } },
    include: { ticket: { select: { category: true, assignee: { select: { id: true, name: true } } } } },
  })
  return { rows: rows.map((r) => ({ ...r, category: r.ticket.category })) }
}

/** The month's scores, overall and per category and per staff member (for the monthly digest). */
export async function satisfactionSummary(db: DbOrTx, month: string): Promise<SatisfactionSummary> {
  const { from, to } = monthRange(month)
  const { rows } = await satisfactionBetween(db, from, to)
  const total = rows.reduce((sum, r) => sum + r.score, 0)
  return {
    month,
    count: rows.length,
    average: rows.length ? round(total / rows.length) : null,
    byCategory: group(
      rows.map((r) => ({ key: r.ticket.category, label: categoryLabel(r.ticket.category), score: r.score })),
    ),
    byStaff: group(
      rows.map((r) => ({
        key: r.ticket.assignee ? String(r.ticket.assignee.id) : 'none',
        label: r.ticket.assignee?.name ?? '未分派',
        score: r.score,
      })),
    ),
  }
}
