// The comment typed after a button (platforms without forms): an official's 审批意见 right after 同意/驳回, or a
// contact's 意见建议 after rating. It completes the step already taken; it never changes the decision. The comment
// is optional: a command or question typed instead is answered and the comment skipped (src/bot/digression.ts).
import type { FlowHandler } from '../../../bot/handler.ts'
import { text } from '../../../bot/handler.ts'
import { enqueueMessage } from '../../../outbox/outbox.repo.ts'
import { findStaff } from '../../staff/staff.repo.ts'
import { contactAddress, staffAddress } from '../ticket.people.ts'

const SKIP = /^(无|没有|不用|跳过|不需要|否|no)$/i

export const ticketCommentFlow: FlowHandler = {
  flow: 'ticket_comment',
  label: '意见补充',
  step: (state) => ({
    input: 'text',
    optional: true,
    prompt:
      state.step === 'rating'
        ? '如有意见建议，请直接回复文字；回复“无”即可跳过。'
        : '如需补充审批意见，请直接回复文字（将告知企业和质量管家）；回复“无”即可跳过。',
  }),
  cancelled: '好的。',
  expired: '补充意见的时间已过（30 分钟），这条消息未作为意见保存。如需反馈，请联系负责的工作人员。',
  async handle({ deps, event, conversation }) {
    const state = await conversation.current()
    await conversation.end()
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
