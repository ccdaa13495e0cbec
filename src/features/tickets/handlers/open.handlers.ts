// Starting an application: "我要申请上门计量校准" or the 申请一站式服务 button (whose value may carry a
// `category`, e.g. from an eligibility answer). A platform with forms (capabilities) gets the form card; the others
// get one question at a time (open.flow.ts).

import type { ConversationHandle } from '../../../bot/conversation.ts'
import type { CardActionHandler, HandlerResult, MessageHandler } from '../../../bot/handler.ts'
import { text } from '../../../bot/handler.ts'
import type { Actor, Platform } from '../../../bot/types.ts'
import type { CoreDeps } from '../../../deps.ts'
import { findBoundEnterprise } from '../../enterprises/enterprise.service.ts'
import { categoryMenu, findCategory } from '../categories.ts'
import { ticketFormCard } from '../ticket.card-defs.ts'
import { categoryOptions, hasForms } from '../ticket.cards.ts'

export const DESCRIPTION_PROMPT = '请简要描述您的需求（例如需要校准的器具、需要检测的产品、希望解决的质量问题等）。'
export const CATEGORY_PROMPT = `请问需要哪一类服务？请回复序号：\n${categoryMenu()}`

async function begin(
  deps: CoreDeps,
  platform: Platform,
  actor: Actor,
  conversation: ConversationHandle,
  categoryCode: unknown,
): Promise<HandlerResult> {
  const category = findCategory(typeof categoryCode === 'string' ? categoryCode : null)
  if (hasForms(deps, platform)) {
    const enterprise = await findBoundEnterprise(deps.db, actor.platform, actor.userId)
    const card = ticketFormCard({
      categoryOptions: categoryOptions(),
      initialCategory: category?.code,
      enterpriseName: enterprise?.name,
    })
    return { intent: 'ticket', replies: [{ kind: 'card', card }] }
  }
  // 'other' is what generic 申请服务 buttons carry when they know nothing: ask rather than assume.
  if (category && category.code !== 'other') {
    await conversation.start('ticket_open', 'description', { category: category.code })
    return {
      intent: 'ticket',
      replies: [text(`好的，为您办理“${category.label}”服务申请。${DESCRIPTION_PROMPT}\n（发送“取消”可随时退出）`)],
    }
  }
  await conversation.start('ticket_open', 'category', {})
  return {
    intent: 'ticket',
    replies: [text(`好的，为您办理一站式服务申请。${CATEGORY_PROMPT}\n（发送“取消”可随时退出）`)],
  }
}

export const ticketOpenHandler: MessageHandler = {
  intent: 'ticket',
  handle: ({ deps, event, conversation, intent }) =>
    begin(deps, event.platform, event.sender, conversation, intent.data?.category),
}

export const ticketStartAction: CardActionHandler = {
  action: 'ticket.start',
  handle: ({ deps, event, conversation }) =>
    begin(deps, event.platform, event.operator, conversation, event.value.category),
}
