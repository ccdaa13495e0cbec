// Who confirms a binding request, and where to reach them. Staff rows list the industries and towns they cover
// (empty = all); a request goes to those who cover the enterprise explicitly, else to department leads and admins.
// Where each is reached is addressOf's (src/features/people/addresses.ts).
import type { DbOrTx } from '../../db/client.ts'
import { listActiveStaff } from '../staff/staff.repo.ts'
import type { StaffView } from '../staff/staff.schema.ts'

const covers = (list: string[], value: string | null) => list.length === 0 || (value !== null && list.includes(value))

export async function staffForEnterprise(
  db: DbOrTx,
  enterprise: { industry: string; town: string | null },
): Promise<StaffView[]> {
  return coveringStaffOf(await listActiveStaff(db), enterprise)
}

/** The same choice among staff already loaded (for callers that look at many enterprises at once). */
export function coveringStaffOf(all: StaffView[], enterprise: { industry: string; town: string | null }): StaffView[] {
  const explicit = all.filter(
    (s) =>
      (s.industries.length > 0 || s.towns.length > 0) &&
      covers(s.industries, enterprise.industry) &&
      covers(s.towns, enterprise.town),
  )
  return explicit.length ? explicit : all.filter((s) => s.isLead || s.role === 'admin')
}
