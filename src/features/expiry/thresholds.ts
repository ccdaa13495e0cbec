// When a certificate is warned about: 90, 30 and 7 days before it expires, once per threshold. A certificate first
// seen at 20 days is warned at the 30-day threshold (not at 90 as well), then at 7.
export const THRESHOLDS = [7, 30, 90] as const
const DAY_MS = 24 * 3600_000

/** Whole days left, counted up (expiring in 6.2 days: 7). */
export const daysLeft = (expiresAt: Date, now: Date) => Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS)

/** The threshold the certificate is within now, or null when it is further away or already expired. */
export function thresholdOf(expiresAt: Date, now: Date): number | null {
  const days = daysLeft(expiresAt, now)
  if (days <= 0) return null
  return THRESHOLDS.find((t) => days <= t) ?? null
}

/** Certificates are re-created when an enterprise is saved, so a warning is keyed by what the certificate is. */
export const warningKey = (
  c: { enterpriseId: number; kind: string; number: string | null; title: string; expiresAt: Date },
  threshold: number,
) => `${c.enterpriseId}|${c.kind}|${c.number ?? c.title}|${c.expiresAt.toISOString().slice(0, 10)}|${threshold}`

export const HORIZON_MS = 90 * DAY_MS
