// Staff identities in the database: which staff member a platform account belongs to, and linking an account
// (from the staff file or with a one-time code). One account belongs to one staff member (unique platform+userId).
import type { Actor } from '../../bot/types.ts'
import type { DbOrTx } from '../../db/client.ts'
import type { PlatformAccount } from '../people/addresses.ts'

/** The staff id behind an account, if it is linked. */
export async function staffIdOf(db: DbOrTx, account: PlatformAccount | Actor): Promise<number | null> {
  const row = await db.identity.findUnique({
    where: { platform_userId: { platform: account.platform, userId: account.userId } },
  })
  return row?.staffId ?? null
}

export type LinkOutcome = 'linked' | 'already' | 'taken'

/**
 * Links an account to a staff member. `taken` when it belongs to someone else (never moved silently). With
 * `onePerPlatform` (the staff file) the staff member's other account on that platform is replaced.
 */
export async function linkAccount(
  db: DbOrTx,
  staffId: number,
  account: PlatformAccount,
  options: { onePerPlatform?: boolean; at?: Date } = {},
): Promise<LinkOutcome> {
  const owner = await staffIdOf(db, account)
  if (owner === staffId) return 'already'
  if (owner !== null) return 'taken'
  if (options.onePerPlatform) {
    await db.identity.deleteMany({ where: { staffId, platform: account.platform, userId: { not: account.userId } } })
  }
  // A concurrent link of the same account fails on the unique index: the loser sees `taken` on its next try.
  await db.identity.create({
    data: {
      staffId,
      platform: account.platform,
      userId: account.userId,
      ...(options.at ? { linkedAt: options.at } : {}),
    },
  })
  return 'linked'
}
