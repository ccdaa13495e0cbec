// Where a person is reached: the one mapping from a person (a staff member with their linked accounts, or an
// enterprise contact, who is one account) to a platform address. Every notification to a person goes through it,
// so no feature picks an id by platform name.
import { type Address, platformSchema } from '../../bot/types.ts'
import type { CoreDeps } from '../../deps.ts'

/** One account of a person on one platform (an Identity row, or a contact's own platform and userId). */
export interface PlatformAccount {
  platform: string
  userId: string
}

/** Anything with accounts: a StaffView (`identities`), or a contact wrapped as `{identities: [contact]}`. */
export interface Reachable {
  identities: readonly PlatformAccount[]
}

export interface AddressOptions {
  /** The platform the conversation came from: tried first. */
  preferred?: string
  /** When given, only platforms that are on (have a port) count; without it every known platform does. */
  ports?: CoreDeps['ports']
}

// After the preferred platform, platforms in the order the runtime switched them on (chat platforms as configured,
// the local console last); without that list, the order the person's accounts were linked in.
function ranking(options: AddressOptions) {
  const order = Object.keys(options.ports ?? {})
  return (platform: string) => {
    if (platform === options.preferred) return -1
    const at = order.indexOf(platform)
    return at === -1 ? order.length : at
  }
}

/** Every address of a person, the preferred platform first; accounts on unknown or switched-off platforms left out. */
export function addressesOf(person: Reachable, options: AddressOptions = {}): Address[] {
  const addresses: Address[] = []
  for (const account of person.identities) {
    const platform = platformSchema.safeParse(account.platform)
    if (!platform.success) continue
    if (options.ports && !options.ports[platform.data]) continue
    addresses.push({ platform: platform.data, userId: account.userId })
  }
  const rank = ranking(options)
  return addresses.sort((a, b) => rank(a.platform) - rank(b.platform))
}

/** The address of a person for one message: on the preferred platform when they are there, else the next best. */
export function addressOf(person: Reachable, options: AddressOptions = {}): Address | null {
  return addressesOf(person, options)[0] ?? null
}

/** A person's account on one platform, if they have one. */
export function accountOn(person: Reachable, platform: string): PlatformAccount | null {
  return person.identities.find((a) => a.platform === platform) ?? null
}
