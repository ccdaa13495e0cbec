// "我的企业": shows the bound enterprise's profile, or explains how to bind.
import { type MessageHandler, text } from '../../../bot/handler.ts'
import { bindingStatusCard } from '../binding.cards.ts'
import { findPendingBinding } from '../binding.repo.ts'
import { findContact } from '../contact.repo.ts'
import { findEnterpriseById } from '../enterprise.repo.ts'
import { renderProfile } from '../profile.card.ts'

export const myEnterpriseHandler: MessageHandler = {
  intent: 'my_enterprise',
  async handle({ deps, event }) {
    const contact = await findContact(deps.db, event.sender.platform, event.sender.userId)
    const enterprise = contact?.enterpriseId ? await findEnterpriseById(deps.db, contact.enterpriseId) : null
    if (enterprise) {
      return { intent: 'my_enterprise', replies: [{ kind: 'card', card: renderProfile(enterprise, deps.clock.now()) }] }
    }
    const pending = contact ? await findPendingBinding(deps.db, contact.id, deps.clock.now()) : null
    if (pending) {
      const reply =
        '您的绑定申请正在等待工作人员确认，确认后会通知您。如工作人员已告诉您6位验证码，直接回复验证码即可完成绑定。'
      return { intent: 'my_enterprise', replies: [text(reply)] }
    }
    const card = bindingStatusCard({
      title: '您还没有绑定企业',
      text: '绑定企业后，我可以结合贵企业的荣誉、证书等情况，为您解答质量贷/标准贷增信条件、可争取的奖项和认证等问题。',
      note: '绑定需要提供统一社会信用代码，并由工作人员核实确认。',
      showBind: true,
    })
    return { intent: 'my_enterprise', replies: [{ kind: 'card', card }] }
  },
}
