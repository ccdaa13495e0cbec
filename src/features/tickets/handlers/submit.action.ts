// The Feishu application form's 提交申请: validate the form, open the ticket, turn the form card into the receipt.
// A bad field leaves the form as it is with a toast saying what to fix.
import { z } from 'zod'
import { CONVERSATION_TTL_MS } from '../../../bot/conversation.ts'
import type { CardActionHandler, HandlerResult } from '../../../bot/handler.ts'
import type { CoreDeps } from '../../../deps.ts'
import { findCategory } from '../categories.ts'
import { findPhone, looksLikePhoneAttempt } from '../phone.ts'
import { openTicket } from '../ticket.open.ts'

const formSchema = z.object({
  category: z.string().default(''),
  description: z.string().trim().default(''),
  phone: z.string().default(''),
  preferred_time: z.string().trim().default(''),
})

const warn = (message: string): HandlerResult => ({
  intent: 'ticket_refused',
  cardResponse: { toast: { type: 'warning', text: message } },
})

/**
 * Two submits of one form at once must open one ticket: the first to insert the claim row wins. The claim lives in
 * the conversation table (a unique key with an expiry) because it is exactly that: short-lived per-card state.
 */
async function claimForm(deps: CoreDeps, cardId: string): Promise<boolean> {
  const expiresAt = new Date(deps.clock.now().getTime() + CONVERSATION_TTL_MS)
  try {
    await deps.db.conversation.create({
      data: { key: `claim:ticket-form:${cardId}`, flow: 'claim', step: 'submitted', expiresAt },
    })
    return true
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') return false
    throw error
  }
}

export const ticketSubmitAction: CardActionHandler = {
  action: 'ticket.submit',
  async handle({ deps, event, card }) {
    const form = formSchema.parse(event.form)
    const category = findCategory(form.category)
    if (!category) return warn('请选择服务类别。')
    if (form.description.length < 4) return warn('请简要描述您的需求（至少 4 个字）。')
    const phone = findPhone(form.phone)
    if (!phone.ok) {
      // A sentence in the field ("质量贷是什么？") is asked about again, not called a malformed number.
      return warn(
        looksLikePhoneAttempt(form.phone)
          ? '联系电话格式不正确，请填写 11 位手机号或带区号的固定电话。'
          : '请在“联系电话”一栏填写 11 位手机号或带区号的固定电话，方便质量管家与您联系。',
      )
    }
    if (card && !(await claimForm(deps, card.id))) return warn('该申请已提交，请勿重复提交。')
    const opened = await openTicket(deps, {
      actor: event.operator,
      chat: event.chat,
      category: category.code,
      description: form.description.slice(0, 1000),
      phone: phone.phone,
      preferredTime: form.preferred_time.slice(0, 100) || null,
    })
    return {
      intent: 'ticket_opened',
      cardResponse: {
        toast: { type: 'success', text: `已受理，工单编号 ${opened.ticket.number}` },
        card: opened.confirmation,
      },
    }
  },
}
