// The staff directory: saving entries (the demo seed now, the admin API later) and finding the staff member
// behind a verified platform identity.
import type { Actor } from '../../bot/types.ts'
import type { DbOrTx } from '../../db/client.ts'
import { type StaffInput, type StaffView, staffFileSchema, staffInputSchema, toStaffView } from './staff.schema.ts'

/**
 * Creates or updates one staff member, matched by Feishu open_id, DingTalk userId, or else name + department.
 * The service function the admin API calls; idempotent.
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
    feishuOpenId: entry.feishuOpenId ?? null,
    dingtalkUserId: entry.dingtalkUserId ?? null,
    active: entry.active,
  }
  const match = [
    ...(entry.feishuOpenId ? [{ feishuOpenId: entry.feishuOpenId }] : []),
    ...(entry.dingtalkUserId ? [{ dingtalkUserId: entry.dingtalkUserId }] : []),
    { name: entry.name, department: entry.department },
  ]
  const existing = await db.staff.findFirst({ where: { OR: match }, orderBy: { id: 'asc' } })
  const row = existing ? await db.staff.update({ where: { id: existing.id }, data }) : await db.staff.create({ data })
  return toStaffView(row)
}

/** Loads a staff file (`{staff: [...]}`), validated as a whole before anything is written. */
export async function loadStaffFile(db: DbOrTx, data: unknown): Promise<{ saved: number }> {
  const file = staffFileSchema.parse(data)
  for (const entry of file.staff) await saveStaff(db, entry)
  return { saved: file.staff.length }
}

/**
 * The staff member behind a verified actor: Feishu open_id, DingTalk userId; on the console (local demos only,
 * the simulator is off in production) the typed user name equals the staff name.
 */
export async function resolveStaff(db: DbOrTx, actor: Actor): Promise<StaffView | null> {
  const where =
    actor.platform === 'feishu'
      ? { feishuOpenId: actor.userId }
      : actor.platform === 'dingtalk'
        ? { dingtalkUserId: actor.userId }
        : { name: actor.userId }
  const row = await db.staff.findFirst({ where: { ...where, active: true }, orderBy: { id: 'asc' } })
  return row ? toStaffView(row) : null
}

export async function findStaff(db: DbOrTx, id: number): Promise<StaffView | null> {
  const row = await db.staff.findUnique({ where: { id } })
  return row ? toStaffView(row) : null
}

export async function listActiveStaff(db: DbOrTx): Promise<StaffView[]> {
  const rows = await db.staff.findMany({ where: { active: true }, orderBy: { id: 'asc' } })
  return rows.map(toStaffView)
}

/** Officials who decide for a department; admins when the department has none. */
export async function officialsOf(db: DbOrTx, department: string | null): Promise<StaffView[]> {
  const all = await listActiveStaff(db)
  const officials = all.filter((s) => s.role === 'official' && s.department === department)
  return officials.length ? officials : all.filter((s) => s.role === 'admin')
}
