// 不再提醒 on a 政策找企业 card: the enterprise the card is about (its subject, set when we sent it) must be the
// clicker's own bound enterprise; the button's value is not trusted.
import type { CardActionHandler } from '../../bot/handler.ts'
import { findContact } from '../enterprises/contact.repo.ts'

export const policyOptOutAction: CardActionHandler = {
  action: 'policy.optout',
  async handle({ deps, event, card }) {
    const enterpriseId = Number(/^policy:(\d+)$/.exec(card?.model.subject ?? '')?.[1])
    const contact = await findContact(deps.db, event.operator.platform, event.operator.userId)
    if (!card || !enterpriseId || contact?.enterpriseId !== enterpriseId) {
      return {
        intent: 'policy_refused',
        cardResponse: { toast: { type: 'error', text: '只有该企业绑定的联系人可以设置不再提醒。' } },
      }
    }
    await deps.db.policyOptOut.upsert({
      where: { enterpriseId },
      create: { enterpriseId, by: `contact:${contact.id}`, createdAt: deps.clock.now() },
      update: {},
    })
    const done = '已设置不再提醒：今后不再向贵企业推送“政策找企业”提醒。如需恢复，请联系质量管家。'
    return {
      intent: 'policy_optout',
      cardResponse: {
        toast: { type: 'success', text: '已设置不再提醒。' },
        card: { ...card.model, actions: [], blocks: [...card.model.blocks, { type: 'markdown', text: `**${done}**` }] },
      },
    }
  },
}
