// Demo tickets (seed/demo/tickets.json): a few open, overdue, waiting-for-approval and closed tickets among the demo
// staff, so the digests have something to show (`npm run jobs -- run staff-digest`). Times are relative to when
// the seed is loaded; the SLA clocks follow sla.json and the holiday calendar. Idempotent: a ticket whose demo
// description exists is left alone.
import { z } from 'zod'
import type { Seeder } from '../../bot/feature.ts'
import type { DbOrTx } from '../../db/client.ts'
import { categoryOf } from './categories.ts'
import { withTicketNumber } from './numbering.ts'
import { computeSlaDue } from './sla.ts'
import { TICKET_STATUSES } from './state-machine.ts'

const HOUR_MS = 3600_000

const fileSchema = z.object({
  tickets: z.array(
    z.object({
      category: z.string(),
      enterprise: z.string(),
      assignee: z.string(),
      status: z.enum(TICKET_STATUSES),
      openedHoursAgo: z.number().nonnegative(),
      resolvedHoursAgo: z.number().nonnegative().optional(),
      score: z.number().int().min(1).max(5).optional(),
      description: z.string().includes('演示'),
    }),
  ),
})

async function loadDemoTickets(db: DbOrTx, data: unknown, now: Date): Promise<number> {
  const file = fileSchema.parse(data)
  let saved = 0
  for (const entry of file.tickets) {
    if (await db.ticket.findFirst({ where: { description: entry.description } })) continue
    const enterprise = await db.enterprise.findUnique({ where: { creditCode: entry.enterprise } })
    const assignee = await db.staff.findFirst({ where: { name: entry.assignee } })
    if (!enterprise || !assignee) throw new Error(`demo ticket: unknown enterprise or staff in "${entry.description}"`)
    const createdAt = new Date(now.getTime() - entry.openedHoursAgo * HOUR_MS)
    const resolvedAt =
      entry.resolvedHoursAgo !== undefined ? new Date(now.getTime() - entry.resolvedHoursAgo * HOUR_MS) : null
    const category = categoryOf(entry.category)
    const approval = entry.status === 'pending_approval'
    const responded = entry.status !== 'assigned' && entry.status !== 'open'
    const ticket = await withTicketNumber(db, now, (number) =>
      db.ticket.create({
        data: {
          number,
          enterpriseId: enterprise.id,
          category: category.code,
          description: entry.description,
          status: entry.status,
          assigneeId: assignee.id,
          needsApproval: approval,
          approvalDepartment: approval ? (category.approvalDepartment ?? category.department) : null,
          originPlatform: 'console',
          ...computeSlaDue(category.code, createdAt),
          firstRespondedAt: responded ? new Date(createdAt.getTime() + HOUR_MS) : null,
          resolvedAt,
          closedAt: entry.status === 'closed' ? resolvedAt : null,
          createdAt,
          updatedAt: now,
        },
      }),
    )
    if (entry.score && resolvedAt)
      await db.satisfaction.create({ data: { ticketId: ticket.id, score: entry.score, createdAt: resolvedAt } })
    saved++
  }
  return saved
}

export const ticketsSeeder: Seeder = {
  name: 'tickets',
  file: 'tickets.json',
  async load(db, data) {
    return `${await loadDemoTickets(db, data, new Date())} tickets`
  },
}
