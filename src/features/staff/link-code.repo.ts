// Staff link codes in the database. A code is live while unused and unexpired; every change is a conditional update
// on `usedAt: null`, so a code is used (or voided) exactly once even when two messages race.
import type { DbOrTx } from '../../db/client.ts'

export interface LinkCodeRow {
  id: number
  staffId: number
  codeHash: string
  attempts: number
  expiresAt: Date
}

/** A new code for a staff member; their older live codes are voided, so only the newest one works. */
export async function createLinkCode(
  db: DbOrTx,
  input: { staffId: number; codeHash: string; issuedBy: number; expiresAt: Date },
  now: Date,
): Promise<LinkCodeRow> {
  await db.staffLinkCode.updateMany({ where: { staffId: input.staffId, usedAt: null }, data: { usedAt: now } })
  return db.staffLinkCode.create({ data: input })
}

/** The live codes of these staff members. */
export async function liveLinkCodes(db: DbOrTx, staffIds: number[], now: Date): Promise<LinkCodeRow[]> {
  return db.staffLinkCode.findMany({
    where: { staffId: { in: staffIds }, usedAt: null, expiresAt: { gt: now } },
    orderBy: { id: 'asc' },
  })
}

/** Uses a live code; false when it was used, voided or expired in the meantime. */
export async function useLinkCode(db: DbOrTx, id: number, now: Date): Promise<boolean> {
  const { count } = await db.staffLinkCode.updateMany({
    where: { id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  })
  return count === 1
}

/** Counts a wrong try against a code and voids it at `max`; returns the tries so far. */
export async function countWrongLinkCode(db: DbOrTx, id: number, max: number, now: Date): Promise<number> {
  const row = await db.staffLinkCode.update({ where: { id }, data: { attempts: { increment: 1 } } })
  if (row.attempts >= max) await db.staffLinkCode.updateMany({ where: { id, usedAt: null }, data: { usedAt: now } })
  return row.attempts
}
