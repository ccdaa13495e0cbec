// The `ticket-sla` job: tickets past their first-response or resolution time are escalated to the officials of
// the responsible department — once per ticket (escalatedAt, set only where still null), and never once resolved.
import type { CoreDeps } from '../../deps.ts'
import { enqueueMessage } from '../../outbox/outbox.repo.ts'
import { officialsOf } from '../staff/staff.repo.ts'
import { categoryLabel, categoryOf } from './categories.ts'
import { overdueReason } from './sla.ts'
import { ACTIVE_STATUSES } from './state-machine.ts'
import { escalationCard } from './ticket.card-defs.ts'
import { loadTicketContext, staffAddress } from './ticket.people.ts'
import { addTicketEvent } from './ticket.repo.ts'
import { fullTime } from './time.ts'

const BATCH = 100
const REASONS = { first_response: '超过首次响应时限仍未接单', resolution: '超过办结时限仍未办结' }

export async function escalateOverdueTickets(deps: CoreDeps, now: Date): Promise<number> {
  const candidates = await deps.db.ticket.findMany({
    where: {
      status: { in: [...ACTIVE_STATUSES] },
      escalatedAt: null,
      resolvedAt: null,
      OR: [{ firstRespondedAt: null, firstResponseDue: { lte: now } }, { resolutionDue: { lte: now } }],
    },
    orderBy: { id: 'asc' },
    take: BATCH,
  })
  let escalated = 0
  for (const ticket of candidates) {
    const reason = overdueReason(ticket, now)
    if (!reason) continue
    const done = await deps.db.$transaction(async (tx) => {
      // The claim: of two instances (or two runs) only one sets escalatedAt.
      const { count } = await tx.ticket.updateMany({
        where: { id: ticket.id, escalatedAt: null },
        data: { escalatedAt: now },
      })
      if (count === 0) return false
      await addTicketEvent(tx, ticket.id, { action: 'escalated', actor: 'system', comment: reason }, now)
      const ctx = await loadTicketContext(tx, ticket)
      const due = reason === 'first_response' ? ticket.firstResponseDue : ticket.resolutionDue
      const card = escalationCard({
        number: ticket.number,
        reason: REASONS[reason],
        fields: [
          { label: '服务类别', value: categoryLabel(ticket.category) },
          { label: '企业', value: ctx.enterpriseName ?? '未绑定企业' },
          { label: '质量管家', value: ctx.assigneeName ?? '未分派' },
          { label: '时限', value: due ? fullTime(due) : '—' },
        ],
      })
      const department = ticket.approvalDepartment ?? categoryOf(ticket.category).department
      for (const official of await officialsOf(tx, department)) {
        const address = staffAddress(deps, official, ticket.originPlatform)
        if (!address) continue
        await enqueueMessage(tx, {
          address,
          body: { kind: 'card', card },
          dedupeKey: `ticket:${ticket.id}:escalated:${official.id}`,
        })
      }
      return true
    })
    if (done) escalated++
  }
  if (escalated) {
    deps.outbox.kick()
    deps.log.info('tickets escalated', { count: escalated })
  }
  return escalated
}
