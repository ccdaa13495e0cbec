// 生成验证码: staff get a one-time code to give the applicant by phone or in person. The code is shown once, in
// the toast only (cards and outbox rows are stored; only its hash is kept, in Binding.codeHash).
import type { CardActionHandler } from '../../../bot/handler.ts'
import { issueBindingCode } from '../binding.service.ts'
import { bindingCardNow } from '../binding-card.view.ts'
import { formatTime } from '../dates.ts'
import { bindingValueSchema } from './binding-decision.ts'

export const bindingCodeAction: CardActionHandler = {
  action: 'binding.code',
  async handle({ deps, event }) {
    const intent = 'binding.code'
    const value = bindingValueSchema.safeParse(event.value)
    if (!value.success)
      return { intent, cardResponse: { toast: { type: 'error', text: '按钮数据不完整，操作未生效。' } } }
    const issued = await issueBindingCode(deps, event.operator, value.data.bindingId)
    if (!issued.ok) {
      const texts = {
        not_staff: '仅市场监管局工作人员可以生成绑定验证码。',
        not_found: '未找到该绑定申请，可能已被删除。',
        not_pending: '该申请已处理或已过期，无需生成验证码。',
      } as const
      const card = issued.reason === 'not_pending' ? await bindingCardNow(deps, value.data.bindingId) : null
      return {
        intent,
        cardResponse: { toast: { type: 'warning', text: texts[issued.reason] }, card: card ?? undefined },
      }
    }
    const until = formatTime(issued.expiresAt)
    const codeNote = `已于 ${formatTime(deps.clock.now())} 生成一次性验证码（有效期至 ${until}），验证码只显示一次；如遗失可重新生成，旧验证码随即失效。`
    const card = (await bindingCardNow(deps, value.data.bindingId, codeNote)) ?? undefined
    const toast = `验证码：${issued.code}（有效期至 ${until}）。请核实申请人身份后告知对方，由其在对话中回复该验证码完成绑定。`
    return { intent, cardResponse: { toast: { type: 'success', text: toast }, card } }
  },
}
