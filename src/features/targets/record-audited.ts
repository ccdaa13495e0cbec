// Recording a figure from the admin API or the console: the chat's rules (record-progress.ts), signed by the
// staff member who records it (a session's own person; with the admin token, the active staff member `staffId`
// names), and written to the audit log with the figure before and after, in one transaction.
import { recordAudit } from '../../admin/audit.ts'
import type { Principal, Via } from '../../admin/principal.ts'
import type { CoreDeps } from '../../deps.ts'
import { findStaff } from '../staff/staff.repo.ts'
import { mayRecordProgress, type RecordOutcome, recordProgress } from './record-progress.ts'

export interface RecordRequest {
  target: string
  value: string | number
  note?: string | null
  /** Only with the admin token: who records it. */
  staffId?: number
}

export type AuditedOutcome = RecordOutcome | { ok: false; field: 'staffId'; reason: 'no_staff' | 'not_self' }

export const STAFF_MESSAGES = {
  no_staff: '使用管理令牌时，请用 staffId 指明由哪位在职工作人员登记（登记记录须署名）。',
  not_self: '只能以本人身份登记。',
} as const

export async function recordProgressAs(
  deps: CoreDeps,
  principal: Principal,
  via: Via,
  input: RecordRequest,
): Promise<AuditedOutcome> {
  if (principal.kind === 'staff' && input.staffId !== undefined && input.staffId !== principal.staff.id)
    return { ok: false, field: 'staffId', reason: 'not_self' }
  const staff =
    principal.kind === 'staff' ? principal.staff : input.staffId ? await findStaff(deps.db, input.staffId) : null
  if (!mayRecordProgress(staff)) return { ok: false, field: 'staffId', reason: 'no_staff' }
  const at = deps.clock.now()
  return deps.db.$transaction(async (tx) => {
    const outcome = await recordProgress(tx, { staffId: staff.id, ...input, at })
    if (outcome.ok) {
      await recordAudit(
        tx,
        principal,
        via,
        {
          action: 'target.record',
          subject: `target:${outcome.target.code}`,
          before: outcome.before,
          after: { ...outcome.after, recordedByName: staff.name },
        },
        at,
      )
    }
    return outcome
  })
}
