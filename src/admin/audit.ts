// The audit log: every change made through the admin API, the console or an import, with who made it and the
// record before and after. Written in the same transaction as the change where there is one.
import type { DbOrTx } from '../db/client.ts'
import { auditActor, type Principal, type Via } from './principal.ts'

export interface AuditInput {
  action: string
  subject?: string
  before?: unknown
  after?: unknown
}

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value))

export async function recordAudit(db: DbOrTx, who: Principal, via: Via, entry: AuditInput, at: Date) {
  const { actor, actorName } = auditActor(who)
  await db.auditEntry.create({
    data: {
      at,
      actor,
      actorName,
      via,
      action: entry.action,
      subject: entry.subject ?? null,
      before: json(entry.before),
      after: json(entry.after),
    },
  })
}

export interface AuditFilter {
  subject?: string
  actor?: string
  action?: string
}

export async function listAudit(db: DbOrTx, filter: AuditFilter, page: { skip: number; take: number }) {
  const where = {
    ...(filter.subject ? { subject: filter.subject } : {}),
    ...(filter.actor ? { actor: filter.actor } : {}),
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
  }
  const [rows, total] = await Promise.all([
    db.auditEntry.findMany({ where, orderBy: { id: 'desc' }, ...page }),
    db.auditEntry.count({ where }),
  ])
  const parse = (text: string | null) => (text === null ? null : (JSON.parse(text) as unknown))
  return { total, rows: rows.map((r) => ({ ...r, before: parse(r.before), after: parse(r.after) })) }
}
