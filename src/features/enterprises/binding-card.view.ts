// Re-renders a binding request card from the database (after a decision, or after a code was issued), so every
// staff member who clicks sees the same, current state.
import type { Actor } from '../../bot/types.ts'
import type { CardModel } from '../../cards/model.ts'
import type { DbOrTx } from '../../db/client.ts'
import type { CoreDeps } from '../../deps.ts'
import { bindingRequestCard } from './binding.cards.ts'
import { type BindingRow, findBinding } from './binding.repo.ts'
import { requestCardData } from './binding.service.ts'
import { formatTime } from './dates.ts'
import { findEnterpriseById } from './enterprise.repo.ts'

const STATUS_TEXT: Record<string, string> = { confirmed: '已确认绑定', rejected: '已拒绝', expired: '已失效' }

async function deciderName(db: DbOrTx, decidedBy: string | null): Promise<string> {
  const staffId = /^staff:(\d+)$/.exec(decidedBy ?? '')?.[1]
  if (staffId) return (await db.staff.findUnique({ where: { id: Number(staffId) } }))?.name ?? '工作人员'
  if (decidedBy?.startsWith('contact:')) return '申请人凭验证码'
  return '系统'
}

/** The sentence a decided card shows, e.g. "已由 王工 于 2026-11-24 10:05 确认绑定". */
export async function decisionText(db: DbOrTx, binding: BindingRow): Promise<string> {
  if (binding.status === 'pending') return ''
  const who = await deciderName(db, binding.decidedBy)
  const when = binding.decidedAt ? ` 于 ${formatTime(binding.decidedAt)}` : ''
  return `${STATUS_TEXT[binding.status] ?? binding.status}（${who}${when}）`
}

export async function bindingCardNow(
  deps: Pick<CoreDeps, 'db' | 'capabilities'>,
  bindingId: number,
  codeNote = '',
): Promise<CardModel | null> {
  const db = deps.db
  const binding = await findBinding(db, bindingId)
  const enterprise = binding ? await findEnterpriseById(db, binding.enterpriseId) : null
  const contact = binding ? await db.contact.findUnique({ where: { id: binding.contactId } }) : null
  if (!binding || !enterprise || !contact) return null
  const applicant: Actor = {
    platform: contact.platform as Actor['platform'],
    userId: contact.userId,
    name: contact.name ?? undefined,
  }
  const decided = await decisionText(db, binding)
  return bindingRequestCard({ ...requestCardData(deps, binding, enterprise, applicant), decided, codeNote })
}
