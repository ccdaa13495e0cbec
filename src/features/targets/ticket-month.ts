// The service side of the monthly card: a month's tickets opened and resolved per category, how many resolved
// within their resolution time (the SLA clocks of sla.ts), and satisfaction (satisfactionSummary).
import type { DbOrTx } from '../../db/client.ts'
import { categoryLabel } from '../tickets/categories.ts'
import { monthRange, type SatisfactionSummary, satisfactionSummary } from '../tickets/satisfaction.ts'

export interface CategoryMonth {
  code: string
  label: string
  opened: number
  resolved: number
  /** Resolved on time out of resolved with a deadline. */
  kept: number
  timed: number
  /** Average score, null without ratings. */
  satisfaction: number | null
}

export interface TicketMonth {
  month: string
  opened: number
  resolved: number
  kept: number
  timed: number
  satisfaction: SatisfactionSummary
  categories: CategoryMonth[]
}

export async function ticketMonth(db: DbOrTx, month: string): Promise<TicketMonth> {
  const { from, to } = monthRange(month)
  const opened = await db.ticket.groupBy({
    by: ['category'],
    where: { createdAt: { gte: from, lt: to } },
    _count: { _all: true },
  })
  const resolved = await db.ticket.findMany({
    where: { resolvedAt: { gte: from, lt: to } },
    select: { category: true, resolvedAt: true, resolutionDue: true },
  })
  const satisfaction = await satisfactionSummary(db, month)
  const codes = [...new Set([...opened.map((r) => r.category), ...resolved.map((r) => r.category)])].sort()
  const categories = codes.map((code): CategoryMonth => {
    const mine = resolved.filter((r) => r.category === code)
    const timed = mine.filter((r) => r.resolutionDue)
    return {
      code,
      label: categoryLabel(code),
      opened: opened.find((r) => r.category === code)?._count._all ?? 0,
      resolved: mine.length,
      timed: timed.length,
      kept: timed.filter((r) => r.resolvedAt! <= r.resolutionDue!).length,
      satisfaction: satisfaction.byCategory.find((g) => g.key === code)?.average ?? null,
    }
  })
  const sum = (pick: (c: CategoryMonth) => number) => categories.reduce((n, c) => n + pick(c), 0)
  return {
    month,
    opened: sum((c) => c.opened),
    resolved: sum((c) => c.resolved),
    kept: sum((c) => c.kept),
    timed: sum((c) => c.timed),
    satisfaction,
    categories,
  }
}
