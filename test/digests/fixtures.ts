// Tickets in given states for the digest tests, written straight to the database with their SLA clocks computed as
// the ticket service would (sla.json, the working calendar).
import type { CoreDeps } from '../../src/deps.ts'
import { computeSlaDue } from '../../src/features/tickets/sla.ts'

let seq = 0

export interface TicketSpec {
  category?: string
  assigneeId: number | null
  status: string
  createdAt: string
  enterpriseId?: number | null
  responded?: boolean
  approvalDepartment?: string
  resolvedAt?: string
  escalatedAt?: string
}

export async function ticket(deps: CoreDeps, spec: TicketSpec) {
  const createdAt = new Date(spec.createdAt)
  const category = spec.category ?? 'testing'
  return deps.db.ticket.create({
    data: {
      number: `QS-2026-${String(900_000 + ++seq)}`,
      category,
      description: '测试工单',
      status: spec.status,
      assigneeId: spec.assigneeId,
      enterpriseId: spec.enterpriseId ?? null,
      needsApproval: Boolean(spec.approvalDepartment),
      approvalDepartment: spec.approvalDepartment ?? null,
      originPlatform: 'feishu',
      ...computeSlaDue(category, createdAt),
      firstRespondedAt: spec.responded ? new Date(createdAt.getTime() + 3600_000) : null,
      resolvedAt: spec.resolvedAt ? new Date(spec.resolvedAt) : null,
      escalatedAt: spec.escalatedAt ? new Date(spec.escalatedAt) : null,
      createdAt,
    },
  })
}

/** Moves a movable clock to an instant. */
export function setClock(clock: { now(): Date; advance(ms: number): void }, at: string) {
  clock.advance(new Date(at).getTime() - clock.now().getTime())
}
