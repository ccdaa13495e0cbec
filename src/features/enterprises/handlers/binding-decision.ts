// Shared by the 确认 and 拒绝 buttons: only staff decide; the clicked card is redrawn with the outcome for everyone.
import { z } from 'zod'
import type { CardActionContext, HandlerResult } from '../../../bot/handler.ts'
import { decideByStaff } from '../binding.service.ts'
import { bindingCardNow } from '../binding-card.view.ts'

export const bindingValueSchema = z.object({ bindingId: z.coerce.number().int().positive() })

export async function decideFromCard(
  ctx: CardActionContext,
  decision: 'confirmed' | 'rejected',
): Promise<HandlerResult> {
  const intent = `binding.${decision === 'confirmed' ? 'confirm' : 'reject'}`
  const value = bindingValueSchema.safeParse(ctx.event.value)
  if (!value.success)
    return { intent, cardResponse: { toast: { type: 'error', text: '按钮数据不完整，操作未生效。' } } }
  const outcome = await decideByStaff(ctx.deps, ctx.event.operator, value.data.bindingId, decision)
  if (!outcome.ok && outcome.reason === 'not_staff') {
    return { intent, cardResponse: { toast: { type: 'error', text: '仅市场监管局工作人员可以处理企业绑定申请。' } } }
  }
  if (!outcome.ok && outcome.reason === 'not_found') {
    return { intent, cardResponse: { toast: { type: 'warning', text: '未找到该绑定申请，可能已被删除。' } } }
  }
  const card = (await bindingCardNow(ctx.deps, value.data.bindingId)) ?? undefined
  if (!outcome.ok) {
    return { intent, cardResponse: { toast: { type: 'info', text: '该申请已处理，无需重复操作。' }, card } }
  }
  const done =
    decision === 'confirmed'
      ? `已确认，${outcome.enterprise.name} 的联系人绑定成功，已通知对方。`
      : '已拒绝该绑定申请，已通知申请人。'
  return { intent, cardResponse: { toast: { type: 'success', text: done }, card } }
}
