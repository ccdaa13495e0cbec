// A digest queued for later (the person's chosen time, after quiet hours) follows their preferences until it
// leaves: muting cancels it, unmuting (or undoing the mute) brings it back, a new time moves it. Its dedupe key
// names the digest, the period and the person.
import type { DbOrTx } from '../../db/client.ts'

export const digestKey = (digest: string, period: string, staffId: number) =>
  `digest:${digest}:${period}:staff:${staffId}`

const mine = (digest: string, staffId: number) => ({
  AND: [{ dedupeKey: { startsWith: `digest:${digest}:` } }, { dedupeKey: { endsWith: `:staff:${staffId}` } }],
})

/** Cancels the person's digests still waiting to go. */
export async function cancelWaitingDigests(db: DbOrTx, digest: string, staffId: number): Promise<number> {
  const { count } = await db.outbox.updateMany({
    where: { status: 'pending', ...mine(digest, staffId) },
    data: { status: 'cancelled', lastError: 'muted before delivery' },
  })
  return count
}

/** Brings back the person's digest of `period` if a mute cancelled it (it goes out at once if its time passed). */
export async function restoreCancelledDigest(db: DbOrTx, digest: string, period: string, staffId: number) {
  const { count } = await db.outbox.updateMany({
    where: { status: 'cancelled', dedupeKey: digestKey(digest, period, staffId) },
    data: { status: 'pending', lastError: null },
  })
  return count
}

/** Moves the person's digests still waiting to `at` (never earlier than now). */
export async function rescheduleWaitingDigests(db: DbOrTx, digest: string, staffId: number, at: Date) {
  const { count } = await db.outbox.updateMany({
    where: { status: 'pending', attempts: 0, ...mine(digest, staffId) },
    data: { nextAttemptAt: at },
  })
  return count
}
