// The staff directory: saving entries (the demo seed now, the admin API later) and finding the staff member
// behind a verified platform identity.
import type { Actor } from '../../bot/types.ts'
import type { DbOrTx } from '../../db/client.ts'
import { linkAccount, staffIdOf } from './identity.repo.ts'
import { accountsOfEntry, consoleAccountByName } from './staff.identities-input.ts'
import { type StaffInput, type StaffView, staffFileSchema, staffInputSchema, toStaffView } from './staff.schema.ts'

const withIdentities = { identities: true } as const

/**
 * Creates or updates one staff member, matched by one of the platform accounts the entry names (the account is
 * the key: a new name renames), or else name + department, and links those accounts (one per platform, accounts
 * on other platforms, e.g. linked in chat, are kept). The service function the admin API calls; idempotent. An
 * account that belongs to another staff member is refused, never moved.
 */
export async function saveStaff(db: DbOrTx, input: StaffInput): Promise<StaffView> {
  const entry = staffInputSchema.parse(input)
  const data = {
    name: entry.name,
    department: entry.department,
    role: entry.role,
    isLead: entry.isLead,
    categories: JSON.stringify(entry.categories),
    industries: JSON.stringify(entry.industries),
    towns: JSON.stringify(entry.towns),
    active: entry.active,
  }
  const accounts = accountsOfEntry(entry)
  const match = [
    ...accounts.map((a) => ({ identities: { some: { platform: a.platform, userId: a.userId } } })),
    { name: entry.name, department: entry.department },
  ]
  const existing = await db.staff.findFirst({ where: { OR: match }, orderBy: { id: 'asc' } })
  // Checked before anything is written, so a refused entry changes nothing.
  for (const account of accounts) {
    const owner = await staffIdOf(db, account)
    if (owner !== null && owner !== existing?.id) {
      throw new Error(`staff ${entry.name}: the ${account.platform} account is already another staff member's`)
    }
  }
  const row = existing ? await db.staff.update({ where: { id: existing.id }, data }) : await db.staff.create({ data })
  for (const account of accounts) await linkAccount(db, row.id, account, { onePerPlatform: true })
  // The console name follows the staff name; a name two people share stays with the first (as console look-ups did).
  const byName = consoleAccountByName(entry.name, accounts)
  if (byName) await linkAccount(db, row.id, byName, { onePerPlatform: true })
  return (await findStaff(db, row.id)) as StaffView
}

/** Loads a staff file (`{staff: [...]}`), validated as a whole before anything is written. */
export async function loadStaffFile(db: DbOrTx, data: unknown): Promise<{ saved: number }> {
  const file = staffFileSchema.parse(data)
  for (const entry of file.staff) await saveStaff(db, entry)
  return { saved: file.staff.length }
}

/**
 * The active staff member behind a verified actor: the one their platform account is linked to (Identity). On
 * the console (local demos only, the simulator is off in production) the account is the typed name.
 */
export async function resolveStaff(db: DbOrTx, actor: Actor): Promise<StaffView | null> {
  const staffId = await staffIdOf(db, actor)
  const staff = staffId === null ? null : await findStaff(db, staffId)
  return staff?.active ? staff : null
}

export async function findStaff(db: DbOrTx, id: number): Promise<StaffView | null> {
  const row = await db.staff.findUnique({ where: { id }, include: withIdentities })
  return row ? toStaffView(row) : null
}

export async function listActiveStaff(db: DbOrTx): Promise<StaffView[]> {
  const rows = await db.staff.findMany({ where: { active: true }, orderBy: { id: 'asc' }, include: withIdentities })
  return rows.map(toStaffView)
}

/** Officials who decide for a department; admins when the department has none. */
export async function officialsOf(db: DbOrTx, department: string | null): Promise<StaffView[]> {
  const all = await listActiveStaff(db)
  const officials = all.filter((s) => s.role === 'official' && s.department === department)
  return officials.length ? officials : all.filter((s) => s.role === 'admin')
}
