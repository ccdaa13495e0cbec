// Lists as CSV: every import kind exports its records in its own columns (so an export imports back unchanged),
// and the tickets list as the board shows it.
import type { DbOrTx } from '../db/client.ts'
import { formatTime } from '../features/enterprises/dates.ts'
import { categoryLabel } from '../features/tickets/categories.ts'
import { statusLabel } from '../features/tickets/state-machine.ts'
import { toCsv } from '../import/csv.ts'
import type { ImportKind } from '../import/kind.ts'

export async function kindCsv(db: DbOrTx, kind: ImportKind): Promise<string> {
  return toCsv(
    kind.columns.map((c) => c.header),
    await kind.exportRows(db),
  )
}

const TICKET_HEADERS = ['工单号', '事项类别', '状态', '企业', '质量管家', '审批科室', '受理时间', '办结时间', '评价']

export async function ticketsCsv(db: DbOrTx, where: object = {}): Promise<string> {
  const rows = await db.ticket.findMany({
    where,
    orderBy: { id: 'asc' },
    include: { enterprise: true, assignee: true, satisfaction: true },
  })
  return toCsv(
    TICKET_HEADERS,
    rows.map((t) => ({
      工单号: t.number,
      事项类别: categoryLabel(t.category),
      状态: statusLabel(t.status),
      企业: t.enterprise?.name ?? '',
      质量管家: t.assignee?.name ?? '',
      审批科室: t.approvalDepartment ?? '',
      受理时间: formatTime(t.createdAt),
      办结时间: t.resolvedAt ? formatTime(t.resolvedAt) : '',
      评价: t.satisfaction ? String(t.satisfaction.score) : '',
    })),
  )
}
