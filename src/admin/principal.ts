// Who is calling the admin API or using the console: a signed-in staff member (their session), a staff member's
// session used by a script, or the bootstrap ADMIN_TOKEN, which is an admin without a staff record. What a person
// may see follows their role (staff.roles.ts): an admin everything, an official their department, staff their work.
import type { Actor } from '../bot/types.ts'
import type { StaffView } from '../features/staff/staff.schema.ts'

export type Principal =
  | { kind: 'staff'; staff: StaffView; sessionId: string; csrf: string; method: string }
  | { kind: 'token' }
  /** `npm run import` on the server: whoever may run commands there may change the data anyway. */
  | { kind: 'cli'; user: string }

export type Via = 'api' | 'console' | 'cli'

export const isAdmin = (p: Principal) => p.kind !== 'staff' || p.staff.role === 'admin'

/** For the audit log: "staff:3" / "token", and a name people read. */
export function auditActor(p: Principal): { actor: string; actorName: string } {
  if (p.kind === 'token') return { actor: 'token', actorName: '管理令牌' }
  if (p.kind === 'cli') return { actor: `cli:${p.user}`, actorName: `命令行（${p.user}）` }
  return { actor: `staff:${p.staff.id}`, actorName: p.staff.name }
}

/**
 * The chat identity a staff member acts as when the console or the API changes a ticket: the ticket rules
 * (ticket.parties.ts) recognise people by a linked account, exactly as for a card click. The account of the
 * platform they signed in with comes first.
 */
export function operatorOf(staff: StaffView, preferred?: string): Actor | null {
  const account = staff.identities.find((i) => i.platform === preferred) ?? staff.identities[0]
  return account ? { platform: account.platform, userId: account.userId, name: staff.name } : null
}
