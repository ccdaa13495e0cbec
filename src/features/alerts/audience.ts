// Who an alert reaches: the enterprises its criteria select, and through whom — each enterprise's group chat where
// it has one of its own, else each bound contact directly — plus the 质量管家 covering them. Every person or chat is
// reached once however many routes lead to it, and nothing goes to a chat that an enterprise outside the audience
// shares (its contacts are then reached directly).
import type { Address, Platform } from '../../bot/types.ts'
import type { DbOrTx } from '../../db/client.ts'
import type { CoreDeps } from '../../deps.ts'
import { addressOf } from '../people/addresses.ts'
import { listActiveStaff } from '../staff/staff.repo.ts'
import type { StaffView } from '../staff/staff.schema.ts'
import type { AudienceCriteria } from './alert.schema.ts'
import { inChunks } from './chunks.ts'

export interface AudienceEnterprise {
  id: number
  name: string
  industry: string
  town: string | null
  products: string[]
  creditCode: string
}

const productsOf = (text: string): string[] => {
  try {
    const list: unknown = JSON.parse(text)
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : []
  } catch {
    return []
  }
}

/** AND across the kinds that are set, OR within a kind; a product matches when the enterprise's product names it. */
export function matchesFilters(e: AudienceEnterprise, a: AudienceCriteria): boolean {
  const kinds = a.industries.length + a.products.length + a.towns.length
  if (kinds === 0) return false
  if (a.industries.length && !a.industries.includes(e.industry)) return false
  if (a.towns.length && !(e.town && a.towns.includes(e.town))) return false
  if (a.products.length && !a.products.some((term) => e.products.some((p) => p.includes(term)))) return false
  return true
}

export const inAudience = (e: AudienceEnterprise, a: AudienceCriteria) =>
  a.creditCodes.includes(e.creditCode) || matchesFilters(e, a)

/** The audience's enterprises, read with what the database can filter and checked with `inAudience`. */
export async function selectEnterprises(db: DbOrTx, a: AudienceCriteria): Promise<AudienceEnterprise[]> {
  const select = { id: true, name: true, industry: true, town: true, products: true, creditCode: true } as const
  const filtered =
    a.industries.length + a.products.length + a.towns.length
      ? await db.enterprise.findMany({
          where: {
            ...(a.industries.length ? { industry: { in: a.industries } } : {}),
            ...(a.towns.length ? { town: { in: a.towns } } : {}),
          },
          select,
        })
      : []
  const listed = a.creditCodes.length
    ? await inChunks(a.creditCodes, (codes) => db.enterprise.findMany({ where: { creditCode: { in: codes } }, select }))
    : []
  const byId = new Map<number, AudienceEnterprise>()
  for (const row of [...filtered, ...listed]) {
    const e = { ...row, products: productsOf(row.products) }
    if (inAudience(e, a)) byId.set(e.id, e)
  }
  return [...byId.values()].sort((x, y) => x.id - y.id)
}

export interface Route {
  address: Address
  /** The audience enterprises this message speaks to (a contact's one, or those sharing a group). */
  enterpriseIds: number[]
}

export interface ResolvedAudience {
  enterprises: AudienceEnterprise[]
  /** Enterprise contacts reached one to one, and enterprise group chats. */
  contacts: Route[]
  groups: Route[]
  /** The 质量管家 covering these enterprises, each once, with the number of audience enterprises they cover. */
  staff: { staff: StaffView; address: Address; enterprises: number }[]
  /**
   * The relevant departments: the lead (科室负责人) of each department whose 质量管家 cover audience enterprises, with
   * how many of them the department covers — once, and not again when they were reached as a 质量管家.
   */
  leads: { staff: StaffView; address: Address; enterprises: number }[]
  /** Codes in the explicit list that match no enterprise on record. */
  unknownCodes: string[]
}

const keyOf = (a: Address) => `${a.platform}|${a.chatId ? `c:${a.chatId}` : `u:${a.userId}`}`

/** Staff who cover an enterprise by name of its industry or town (not the "everything" fallback of leads). */
export function covering(staff: StaffView, e: { industry: string; town: string | null }): boolean {
  if (staff.role === 'admin' || !staff.active) return false
  if (!staff.industries.length && !staff.towns.length) return false
  const industry = !staff.industries.length || staff.industries.includes(e.industry)
  const town = !staff.towns.length || (e.town !== null && staff.towns.includes(e.town))
  return industry && town
}

export async function resolveAudience(
  deps: { db: DbOrTx; ports: CoreDeps['ports'] },
  criteria: AudienceCriteria,
  preferredPlatform?: string,
): Promise<ResolvedAudience> {
  const { db } = deps
  const enterprises = await selectEnterprises(db, criteria)
  const ids = enterprises.map((e) => e.id)
  const inSet = new Set(ids)
  const on = (platform: string) => Boolean(deps.ports[platform as Platform])
  const seen = new Set<string>()

  // Groups: usable only when every enterprise registered in the chat is in the audience.
  const groupRows = await inChunks(ids, (slice) =>
    db.enterpriseGroup.findMany({ where: { enterpriseId: { in: slice } } }),
  )
  const chats = [...new Set(groupRows.map((g) => `${g.platform}|${g.chatId}`))]
  const members = await inChunks([...new Set(groupRows.map((g) => g.chatId))], (slice) =>
    db.enterpriseGroup.findMany({ where: { chatId: { in: slice } } }),
  )
  const groups: Route[] = []
  const viaGroup = new Set<number>()
  for (const chat of chats) {
    const [platform, chatId] = chat.split('|') as [string, string]
    const all = members.filter((m) => m.platform === platform && m.chatId === chatId).map((m) => m.enterpriseId)
    if (!on(platform) || all.some((id) => !inSet.has(id))) continue
    const address: Address = { platform, chatId }
    seen.add(keyOf(address))
    groups.push({ address, enterpriseIds: [...new Set(all)].sort((a, b) => a - b) })
    for (const id of all) viaGroup.add(id)
  }

  // A large audience reads every bound contact once rather than thousands of ids in slices.
  const select = { id: true, platform: true, userId: true, enterpriseId: true } as const
  const contactRows =
    ids.length > 500
      ? (await db.contact.findMany({ where: { enterpriseId: { not: null } }, select, orderBy: { id: 'asc' } })).filter(
          (c) => c.enterpriseId !== null && inSet.has(c.enterpriseId),
        )
      : (await inChunks(ids, (slice) => db.contact.findMany({ where: { enterpriseId: { in: slice } }, select }))).sort(
          (x, y) => x.id - y.id,
        )
  const contacts: Route[] = []
  for (const c of contactRows) {
    if (c.enterpriseId === null || viaGroup.has(c.enterpriseId) || !on(c.platform)) continue
    const address: Address = { platform: c.platform, userId: c.userId }
    if (seen.has(keyOf(address))) continue
    seen.add(keyOf(address))
    contacts.push({ address, enterpriseIds: [c.enterpriseId] })
  }

  const staff: ResolvedAudience['staff'] = []
  const everyone = await listActiveStaff(db)
  const byDepartment = new Map<string, Set<number>>()
  for (const s of everyone) {
    const covered = enterprises.filter((e) => covering(s, e))
    const count = covered.length
    if (!count) continue
    const department = byDepartment.get(s.department) ?? new Set<number>()
    for (const e of covered) department.add(e.id)
    byDepartment.set(s.department, department)
    const address = addressOf(s, { preferred: preferredPlatform, ports: deps.ports })
    if (!address || seen.has(keyOf(address))) continue
    seen.add(keyOf(address))
    staff.push({ staff: s, address, enterprises: count })
  }
  const leads: ResolvedAudience['leads'] = []
  for (const s of everyone) {
    const covered = s.isLead ? byDepartment.get(s.department) : undefined
    if (!covered) continue
    const address = addressOf(s, { preferred: preferredPlatform, ports: deps.ports })
    if (!address || seen.has(keyOf(address))) continue
    seen.add(keyOf(address))
    leads.push({ staff: s, address, enterprises: covered.size })
  }
  const known = new Set(enterprises.map((e) => e.creditCode))
  const unknownCodes = criteria.creditCodes.filter((c) => !known.has(c))
  return { enterprises, contacts, groups, staff, leads, unknownCodes }
}
