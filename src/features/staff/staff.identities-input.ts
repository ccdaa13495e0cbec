// A staff file's platform accounts: `"identities": {"feishu": "ou_…", "dingtalk": "…"}`, keyed by platform name
// (any name in PLATFORMS), plus the keys older files used (`feishuOpenId`, `dingtalkUserId`), still accepted.
import { z } from 'zod'
import { platformSchema } from '../../bot/types.ts'
import type { PlatformAccount } from '../people/addresses.ts'

export const identitiesInputSchema = z.partialRecord(platformSchema, z.string().trim().min(1)).default({})

/** The keys staff files had before identities; kept so existing files keep loading. */
const LEGACY_KEYS = { feishuOpenId: 'feishu', dingtalkUserId: 'dingtalk' } as const

/** The accounts a staff entry names, one per platform (`identities` wins over an older key for the same one). */
export function accountsOfEntry(entry: {
  name: string
  identities: Partial<Record<string, string>>
  feishuOpenId?: string
  dingtalkUserId?: string
}): PlatformAccount[] {
  const byPlatform = new Map<string, string>()
  for (const [key, platform] of Object.entries(LEGACY_KEYS)) {
    const userId = entry[key as keyof typeof LEGACY_KEYS]
    if (userId) byPlatform.set(platform, userId)
  }
  for (const [platform, userId] of Object.entries(entry.identities)) if (userId) byPlatform.set(platform, userId)
  return [...byPlatform].map(([platform, userId]) => ({ platform, userId }))
}

/**
 * The console (local simulator, off in production) knows staff by the name typed there: an entry that names no
 * console account is given its staff name (README, decisions). Null when the entry names one.
 */
export function consoleAccountByName(name: string, named: PlatformAccount[]): PlatformAccount | null {
  return named.some((a) => a.platform === 'console') ? null : { platform: 'console', userId: name }
}
