// The staff directory's shapes: the file (and later the admin API) speak `StaffInput`; the rest of the code uses
// `StaffView`, whose coverage lists are parsed from the JSON text columns once, here.
import { z } from 'zod'
import type { PlatformAccount } from '../people/addresses.ts'
import { identitiesInputSchema } from './staff.identities-input.ts'

export const STAFF_ROLES = ['staff', 'official', 'admin'] as const
export const staffRoleSchema = z.enum(STAFF_ROLES)
export type StaffRole = z.infer<typeof staffRoleSchema>

const codes = z.array(z.string().trim().min(1)).default([])

export const staffInputSchema = z.object({
  name: z.string().trim().min(1).max(64),
  /** 科室 or 市场监管所 */
  department: z.string().trim().min(1).max(64),
  role: staffRoleSchema.default('staff'),
  isLead: z.boolean().default(false),
  /** Ticket category codes (src/features/tickets/categories.json); empty = none. */
  categories: codes,
  /** Industries covered; empty = every industry. */
  industries: codes,
  /** Towns (镇街 / 市场监管所 areas) covered; empty = every town. */
  towns: codes,
  /** Platform accounts, `{"feishu": "ou_…", "dingtalk": "…"}` (see staff.identities-input.ts). */
  identities: identitiesInputSchema,
  /** Older files' keys for the same thing, still accepted. */
  feishuOpenId: z.string().trim().min(1).optional(),
  dingtalkUserId: z.string().trim().min(1).optional(),
  active: z.boolean().default(true),
})
export type StaffInput = z.input<typeof staffInputSchema>

export const staffFileSchema = z.object({ staff: z.array(staffInputSchema).min(1) })

export interface StaffView {
  id: number
  name: string
  department: string
  role: StaffRole
  isLead: boolean
  categories: string[]
  industries: string[]
  towns: string[]
  /** Where this person is on each platform, in the order they were linked. */
  identities: PlatformAccount[]
  active: boolean
}

const jsonList = z.array(z.string()).catch([])

function parseList(text: string): string[] {
  try {
    return jsonList.parse(JSON.parse(text))
  } catch {
    return []
  }
}

export interface StaffRow {
  id: number
  name: string
  department: string
  role: string
  isLead: boolean
  categories: string
  industries: string
  towns: string
  identities: { platform: string; userId: string; id: number }[]
  active: boolean
}

export function toStaffView(row: StaffRow): StaffView {
  return {
    id: row.id,
    name: row.name,
    department: row.department,
    role: staffRoleSchema.catch('staff').parse(row.role),
    isLead: row.isLead,
    categories: parseList(row.categories),
    industries: parseList(row.industries),
    towns: parseList(row.towns),
    identities: [...row.identities].sort((a, b) => a.id - b.id).map(({ platform, userId }) => ({ platform, userId })),
    active: row.active,
  }
}
