// The comment typed after a button (platforms without forms): an official's 审批意见 right after 同意/驳回, or a
// contact's 意见建议 after rating. It completes the step already taken; it never changes the decision.
import { recognize } from '../../../bot/dispatcher.ts'
import type { FlowHandler } from '../../../bot/handler.ts'
import { text } from '../../../bot/handler.ts'
import { enqueueMessage } from '../../../outbox/outbox.repo.ts'
import { findStaff } from '../../staff/staff.repo.ts'
import { contactAddress, staffAddress } from '../ticket.people.ts'

const SKIP = /^(无|没有|不用|跳过|不需要|否|no)$/i
const COMMANDS = new Set(['help', 'ticket', 'ticket_mine', 'bind', 'unbind', 'my_enterprise'])

export const ticketCommentFlow: FlowHandler = {
  flow: 'ticket_comment',
  async handle({ deps, event, conversation }) {
    const state = await conversation.current()
    await conversation.end()
    // The comment is optional: a command typed instead ("我的待办", "帮助" …) is answered, not stored as a comment.
    const intent = await recognize(deps, event)
    const command = COMMANDS.has(intent.intent) ? deps.handlers.messages.get(intent.intent) : undefined
    if (command) return command.handle({ deps, event, conversation, intent })
    const comment = event.text.trim().slice(0, 500)
    if (!state || SKIP.test(comment) || !comment) return { intent: 'ticket_comment', replies: [text('好的。')] }
    const ticketId = Number(state.data.ticketId)
    const ticket = await deps.db.ticket.findUnique({ where: { id: ticketId } })
    if (!ticket) return { intent: 'ticket_comment', replies: [text('未找到该工单，意见未保存。')] }
    if (state.step === 'rating') {
      await deps.db.satisfaction.updateMany({ where: { ticketId, comment: null }, data: { comment } })
      return { intent: 'ticket_comment', replies: [text('已收到您的意见建议，感谢您对我们工作的支持！')] }
    }
    const eventId = Number(state.data.eventId)
    await deps.db.$transaction(async (tx) => {
      const { count } = await tx.ticketEvent.updateMany({
        where: { id: eventId, ticketId, comment: null },
        data: { comment },
      })
      if (!count) return
      // As the official was promised: the enterprise and the 质量管家 who handles the ticket both hear it.
      const body = text(`关于工单 ${ticket.number} 的审批意见：${comment}`)
      const contact = contactAddress(ticket)
      if (contact)
        await enqueueMessage(tx, { address: contact, body, dedupeKey: `ticket:${ticketId}:event:${eventId}:comment` })
      const assignee = ticket.assigneeId ? await findStaff(tx, ticket.assigneeId) : null
      const toAssignee = assignee && staffAddress(deps, assignee, ticket.originPlatform)
      if (toAssignee)
        await enqueueMessage(tx, {
          address: toAssignee,
          body,
          dedupeKey: `ticket:${ticketId}:event:${eventId}:comment:staff`,
        })
    })
    deps.outbox.kick()
    return { intent: 'ticket_comment', replies: [text('审批意见已记录，并已告知企业联系人和质量管家。')] }
  },
}
