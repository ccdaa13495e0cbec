// Who hears about a step, and what they get. Called inside the transaction that made the step, so the messages
// are stored with it (outbox). The dedupe keys make a retried step enqueue each message once.
import type { Address, OutgoingBody } from '../../bot/types.ts'
import type { Tx } from '../../db/client.ts'
import type { CoreDeps } from '../../deps.ts'
import { enqueueMessage } from '../../outbox/outbox.repo.ts'
import { findStaff, officialsOf } from '../staff/staff.repo.ts'
import { categoryLabel } from './categories.ts'
import type { TicketAction } from './state-machine.ts'
import { decisionText, hasForms, renderApprovalCard, renderSatisfactionCard, renderTaskCard } from './ticket.cards.ts'
import type { Acting } from './ticket.parties.ts'
import { contactAddress, loadTicketContext, staffAddress } from './ticket.people.ts'
import { latestDecision, type TicketRow } from './ticket.repo.ts'

const text = (value: string): OutgoingBody => ({ kind: 'text', text: value })

export async function notifyAfter(deps: CoreDeps, tx: Tx, action: TicketAction, ticket: TicketRow, acting: Acting) {
  const ctx = await loadTicketContext(tx, ticket)
  const key = (who: string) => `ticket:${ticket.id}:v${ticket.version}:${who}`
  const send = async (address: Address | null, body: OutgoingBody, who: string) => {
    if (address) await enqueueMessage(tx, { address, body, dedupeKey: key(who) })
  }
  const contact = contactAddress(ticket)
  const assignee = ticket.assigneeId ? await findStaff(tx, ticket.assigneeId) : null
  const toAssignee = (body: OutgoingBody) =>
    assignee && assignee.id !== acting.staff?.id
      ? send(staffAddress(deps, assignee, ticket.originPlatform), body, `staff:${assignee.id}`)
      : Promise.resolve()
  const label = `您的“${categoryLabel(ticket.category)}”服务申请（工单 ${ticket.number}）`

  switch (action) {
    case 'accept':
      return send(contact, text(`${label}已由质量管家 ${ctx.assigneeName ?? ''} 受理，将尽快与您联系。`), 'contact')
    case 'transfer':
      await toAssignee({ kind: 'card', card: renderTaskCard(ctx, '转派给您的工单') })
      return send(contact, text(`${label}已转由质量管家 ${ctx.assigneeName ?? ''} 办理。`), 'contact')
    case 'request_approval': {
      for (const official of await officialsOf(tx, ticket.approvalDepartment)) {
        const address = staffAddress(deps, official, ticket.originPlatform)
        if (!address) continue
        await send(
          address,
          { kind: 'card', card: renderApprovalCard(ctx, hasForms(deps, address.platform), null) },
          `staff:${official.id}`,
        )
      }
      return send(contact, text(`${label}已提交科室审批，审批结果会第一时间通知您。`), 'contact')
    }
    case 'approve':
    case 'reject': {
      const decision = await latestDecision(tx, ticket.id)
      const outcome = action === 'approve' ? '审批已通过' : '审批未通过'
      const note = decision?.comment ? `审批意见：${decision.comment}。` : ''
      await send(contact, text(`${label}${outcome}。${note}质量管家会与您联系后续事宜。`), 'contact')
      return toAssignee(
        text(`工单 ${ticket.number} ${decision ? decisionText(decision) : outcome}。请继续办理并办结。`),
      )
    }
    case 'resolve':
      if (!contact) return
      return send(
        contact,
        { kind: 'card', card: renderSatisfactionCard(ctx, hasForms(deps, contact.platform)) },
        'contact',
      )
    case 'reopen':
      return toAssignee({ kind: 'card', card: renderTaskCard(ctx, '企业反馈问题未解决，工单已重新打开') })
    default:
      return
  }
}
