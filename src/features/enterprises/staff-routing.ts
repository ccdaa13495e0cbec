// Who confirms a binding request, and where to reach them. Staff rows list the industries and towns they cover
// (empty = all); a request goes to those who cover the enterprise explicitly, else to department leads and admins.
import type { Address, Platform } from '../../bot/types.ts'
import type { DbOrTx } from '../../db/client.ts'
import type { CoreDeps } from '../../deps.ts'
import { listActiveStaff } from '../staff/staff.repo.ts'
import type { StaffView } from '../staff/staff.schema.ts'

const covers = (list: string[], value: string | null) => list.length === 0 || (value !== null && list.includes(value))

export async function staffForEnterprise(
  db: DbOrTx,
  enterprise: { industry: string; town: string | null },
): Promise<StaffView[]> {
  const all = await listActiveStaff(db)
  const explicit = all.filter(
    (s) =>
      (s.industries.length > 0 || s.towns.length > 0) &&
      covers(s.industries, enterprise.industry) &&
      covers(s.towns, enterprise.town),
  )
  return explicit.length ? explicit : all.filter((s) => s.isLead || s.role === 'admin')
}

const idOn = (staff: StaffView, platform: Platform): string | null =>
  platform === 'feishu' ? staff.feishuOpenId : platform === 'dingtalk' ? staff.dingtalkUserId : staff.name

/**
 * Where to send a staff member a card: on the contact's platform when they are on it, else on another platform
 * that is on. Console staff (local demos) are addressed by name.
 */
export function staffAddress(staff: StaffView, preferred: Platform, ports: CoreDeps['ports']): Address | null {
  const order: Platform[] = [preferred, 'feishu', 'dingtalk', 'console']
  for (const platform of order) {
    const userId = idOn(staff, platform)
    if (userId && ports[platform]) return { platform, userId }
  }
  return null
}
