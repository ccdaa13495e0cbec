// Binding requests in the database. Every state change is a conditional update on `status: 'pending'`, so two
// clicks (or a click and a code) at once yield exactly one decision.
import type { DbOrTx } from '../../db/client.ts'

export type BindingStatus = 'pending' | 'confirmed' | 'rejected' | 'expired'

export interface BindingRow {
  id: number
  contactId: number
  enterpriseId: number
  status: string
  codeHash: string | null
  attempts: number
  expiresAt: Date
  decidedBy: string | null
  decidedAt: Date | null
  createdAt: Date
}

export async function findBinding(db: DbOrTx, id: number): Promise<BindingRow | null> {
  return db.binding.findUnique({ where: { id } })
}

/** The contact's newest request still waiting for a decision (expired ones are not returned). */
export async function findPendingBinding(db: DbOrTx, contactId: number, now: Date): Promise<BindingRow | null> {
  return db.binding.findFirst({
    where: { contactId, status: 'pending', expiresAt: { gt: now } },
    orderBy: { id: 'desc' },
  })
}

/** Opens a new request; any older pending request of the same contact is superseded (marked expired). */
export async function createBinding(
  db: DbOrTx,
  input: { contactId: number; enterpriseId: number; expiresAt: Date },
): Promise<BindingRow> {
  await db.binding.updateMany({
    where: { contactId: input.contactId, status: 'pending' },
    data: { status: 'expired', decidedBy: 'system:superseded' },
  })
  return db.binding.create({ data: { ...input, status: 'pending' } })
}

/** Decides a pending request; false when it was no longer pending (someone else decided, or it expired). */
export async function decideBinding(
  db: DbOrTx,
  id: number,
  status: Exclude<BindingStatus, 'pending'>,
  decidedBy: string,
  now: Date,
): Promise<boolean> {
  const { count } = await db.binding.updateMany({
    where: { id, status: 'pending', expiresAt: { gt: now } },
    data: { status, decidedBy, decidedAt: now },
  })
  return count === 1
}

export async function setBindingCode(db: DbOrTx, id: number, codeHash: string, expiresAt: Date, now: Date) {
  const { count } = await db.binding.updateMany({
    where: { id, status: 'pending', expiresAt: { gt: now } },
    data: { codeHash, expiresAt, attempts: 0 },
  })
  return count === 1
}

/** Counts one wrong code; returns the attempts so far (after this one). */
export async function countWrongCode(db: DbOrTx, id: number): Promise<number> {
  const row = await db.binding.update({ where: { id }, data: { attempts: { increment: 1 } } })
  return row.attempts
}
