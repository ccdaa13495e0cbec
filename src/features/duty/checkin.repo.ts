// Check-in rows and the people around them: the enterprises that owe check-ins (non-empty duty classes) and
// their contacts with a duty role (质量安全总监 / 质量安全员), who receive and answer the cards.
import type { Address } from '../../bot/types.ts'
import type { DbOrTx } from '../../db/client.ts'
import type { CoreDeps } from '../../deps.ts'
import { DUTY_ROLES } from '../enterprises/honour-kinds.ts'
import { addressOf } from '../people/addresses.ts'

/** Enterprises flagged with a duty class (许可证 / 强制性认证 / 强标). */
export function dutyEnterprises(db: DbOrTx, where: { ids?: number[] } = {}) {
  return db.enterprise.findMany({
    where: { dutyClasses: { not: '[]' }, ...(where.ids ? { id: { in: where.ids } } : {}) },
    select: { id: true, name: true, industry: true, town: true },
    orderBy: { id: 'asc' },
  })
}

/** The contacts who answer an enterprise's check-ins. */
export function dutyContacts(db: DbOrTx, enterpriseId: number) {
  return db.contact.findMany({
    where: { enterpriseId, dutyRole: { in: [...DUTY_ROLES] } },
    orderBy: { id: 'asc' },
  })
}

export const contactAddress = (deps: CoreDeps, contact: { platform: string; userId: string }): Address | null =>
  addressOf({ identities: [contact] }, { ports: deps.ports })

export const findCheckin = (db: DbOrTx, id: number) => db.dutyCheckin.findUnique({ where: { id } })

/**
 * The check-in of an enterprise for a period, created once: an upsert (INSERT … ON CONFLICT on PostgreSQL) rather
 * than a caught unique violation, which would abort the surrounding PostgreSQL transaction.
 */
export async function ensureCheckin(
  db: DbOrTx,
  data: { enterpriseId: number; kind: string; period: string; dueAt: Date; createdAt: Date },
) {
  const key = { enterpriseId_kind_period: { enterpriseId: data.enterpriseId, kind: data.kind, period: data.period } }
  const existing = await db.dutyCheckin.findUnique({ where: key })
  if (existing) return { row: existing, created: false }
  const row = await db.dutyCheckin.upsert({ where: key, create: data, update: {} })
  return { row, created: row.createdAt.getTime() === data.createdAt.getTime() }
}
