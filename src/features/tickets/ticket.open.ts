// Opening a ticket: number it, route it to a 质量管家, set its SLA clocks, write the audit trail and queue the
// assignee's card — all in one transaction, so the ticket and the message about it exist together or not at all.
import type { Actor, ChatRef } from '../../bot/types.ts'
import type { CoreDeps } from '../../deps.ts'
import { enqueueMessage } from '../../outbox/outbox.repo.ts'
import { findBoundEnterprise } from '../enterprises/enterprise.service.ts'
import { categoryOf } from './categories.ts'
import { withTicketNumber } from './numbering.ts'
import { maskPhone } from './phone.ts'
import { routeTicket } from './routing.ts'
import { computeSlaDue } from './sla.ts'
import { renderConfirmCard, renderTaskCard, type TicketContext } from './ticket.cards.ts'
import { ensureContact, staffAddress } from './ticket.people.ts'
import { addTicketEvent, type TicketRow } from './ticket.repo.ts'

export interface OpenTicketInput {
  actor: Actor
  chat: ChatRef
  category: string
  description: string
  /** Already validated and normalised (phone.ts). */
  phone: string
  preferredTime?: string | null
}

export interface OpenedTicket {
  ticket: TicketRow
  context: TicketContext
  /** The confirmation card for the person who opened it. */
  confirmation: ReturnType<typeof renderConfirmCard>
}

export async function openTicket(deps: CoreDeps, input: OpenTicketInput): Promise<OpenedTicket> {
  const now = deps.clock.now()
  const category = categoryOf(input.category)
  const contact = await ensureContact(deps.db, input.actor)
  const enterprise = await findBoundEnterprise(deps.db, input.actor.platform, input.actor.userId)
  const routed = await routeTicket(deps.db, {
    category: category.code,
    industry: enterprise?.industry ?? null,
    town: enterprise?.town ?? null,
  })
  const due = computeSlaDue(category.code, now)
  const contactActor = `contact:${contact.id}`

  const ticket = await withTicketNumber(deps.db, now, (number) =>
    deps.db.$transaction(async (tx) => {
      const created = await tx.ticket.create({
        data: {
          number,
          enterpriseId: enterprise?.id ?? null,
          contactId: contact.id,
          category: category.code,
          description: input.description,
          phone: input.phone,
          preferredTime: input.preferredTime || null,
          status: routed ? 'assigned' : 'open',
          assigneeId: routed?.staff.id ?? null,
          needsApproval: category.approvalDepartment !== null,
          approvalDepartment: category.approvalDepartment,
          originPlatform: input.chat.platform,
          originChatId: input.chat.chatId,
          firstResponseDue: due.firstResponseDue,
          resolutionDue: due.resolutionDue,
          createdAt: now,
        },
      })
      const who = { actor: contactActor, actorName: input.actor.name ?? contact.name }
      await addTicketEvent(tx, created.id, { ...who, action: 'created', toStatus: 'open' }, now)
      if (routed) {
        await addTicketEvent(
          tx,
          created.id,
          {
            action: 'assigned',
            fromStatus: 'open',
            toStatus: 'assigned',
            actor: 'system',
            actorName: routed.staff.name,
            comment: routed.reason,
          },
          now,
        )
        const address = staffAddress(deps, routed.staff, input.chat.platform)
        const ctx = { ticket: created, enterpriseName: enterprise?.name ?? null, assigneeName: routed.staff.name }
        if (address) {
          await enqueueMessage(tx, {
            address,
            body: { kind: 'card', card: renderTaskCard(ctx, '新工单待处理') },
            dedupeKey: `ticket:${created.id}:assigned:1`,
          })
        }
      }
      return created
    }),
  )
  deps.outbox.kick()
  deps.log.info('ticket opened', {
    ticket: ticket.number,
    category: ticket.category,
    assigneeId: ticket.assigneeId,
    phone: maskPhone(input.phone),
  })
  const context = { ticket, enterpriseName: enterprise?.name ?? null, assigneeName: routed?.staff.name ?? null }
  const hint = enterprise ? undefined : '您尚未绑定企业，发送“绑定企业”完成绑定后，可更好地获得对口服务。'
  return { ticket, context, confirmation: renderConfirmCard(context, maskPhone(input.phone), hint) }
}
