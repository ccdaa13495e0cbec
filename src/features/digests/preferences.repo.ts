// A staff member's choices per digest (DigestPreference) and their history (DigestPreferenceChange): every change
// is recorded with who made it and what it replaced, so the last one can be undone.
import type { DbOrTx } from '../../db/client.ts'

export interface Preference {
  muted: boolean
  /** HH:MM, or null for the digest's own time. */
  deliverAt: string | null
  quietHours: boolean
}

export const DEFAULT_PREFERENCE: Preference = { muted: false, deliverAt: null, quietHours: true }

export type PreferenceChange = 'mute' | 'unmute' | 'time' | 'quiet_on' | 'quiet_off' | 'undo'

const pick = (row: Preference): Preference => ({
  muted: row.muted,
  deliverAt: row.deliverAt,
  quietHours: row.quietHours,
})

/** Everyone's preferences for one digest (one query per run). */
export async function preferencesOf(db: DbOrTx, digest: string): Promise<Map<number, Preference>> {
  const rows = await db.digestPreference.findMany({ where: { digest } })
  return new Map(rows.map((row) => [row.staffId, pick(row)]))
}

export async function preferenceOf(db: DbOrTx, staffId: number, digest: string): Promise<Preference> {
  const row = await db.digestPreference.findUnique({ where: { staffId_digest: { staffId, digest } } })
  return row ? pick(row) : DEFAULT_PREFERENCE
}

export async function lastChange(db: DbOrTx, staffId: number, digest: string) {
  return db.digestPreferenceChange.findFirst({
    where: { staffId, digest, undoneAt: null, change: { not: 'undo' } },
    orderBy: { id: 'desc' },
  })
}

export interface ChangeInput {
  staffId: number
  digest: string
  change: PreferenceChange
  next: Preference
  actor: string
  at: Date
}

/** Saves the new preference and records the change (call inside a transaction). Returns what it was before. */
export async function changePreference(db: DbOrTx, input: ChangeInput): Promise<Preference> {
  const before = await preferenceOf(db, input.staffId, input.digest)
  const data = pick(input.next)
  await db.digestPreference.upsert({
    where: { staffId_digest: { staffId: input.staffId, digest: input.digest } },
    create: { staffId: input.staffId, digest: input.digest, ...data },
    update: data,
  })
  await db.digestPreferenceChange.create({
    data: {
      staffId: input.staffId,
      digest: input.digest,
      change: input.change,
      before: JSON.stringify(before),
      after: JSON.stringify(data),
      actor: input.actor,
      at: input.at,
    },
  })
  return before
}
