// Who is known on a platform: staff by their linked accounts (Identity rows) and enterprise contacts by theirs. For
// a simulator's identity switcher (and later the staff console), so an adapter never queries the database itself.
import type { CoreDeps } from '../deps.ts'

export interface KnownPerson {
  userId: string
  name: string
  kind: 'staff' | 'contact'
  /** Staff: 科室 or 所, the role (staff | official | admin) and whether they lead the department. */
  department?: string
  role?: string
  isLead?: boolean
  /** Contacts: the enterprise they are bound to, null when not bound. */
  enterprise?: string | null
}

/** Active staff first (in the staff file's order), then contacts (bound ones first), each once. */
export async function peopleOn(deps: CoreDeps, platform: string, limit = 200): Promise<KnownPerson[]> {
  const [identities, contacts] = await Promise.all([
    deps.db.identity.findMany({
      where: { platform, staff: { active: true } },
      include: { staff: true },
      orderBy: { staffId: 'asc' },
      take: limit,
    }),
    deps.db.contact.findMany({
      where: { platform },
      include: { enterprise: true },
      orderBy: { id: 'asc' },
      take: limit,
    }),
  ])
  const staff: KnownPerson[] = identities.map((i) => ({
    userId: i.userId,
    name: i.staff.name,
    kind: 'staff',
    department: i.staff.department,
    role: i.staff.role,
    isLead: i.staff.isLead,
  }))
  const known = new Set(staff.map((p) => p.userId))
  const people: KnownPerson[] = contacts
    .filter((c) => !known.has(c.userId))
    .map((c) => ({
      userId: c.userId,
      name: c.name ?? c.userId,
      kind: 'contact' as const,
      enterprise: c.boundAt && c.enterprise ? c.enterprise.name : null,
    }))
    .sort((a, b) => Number(b.enterprise !== null) - Number(a.enterprise !== null))
  return [...staff, ...people]
}
