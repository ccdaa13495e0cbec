// The help intent, the 查看我能做什么 button and the welcome card when the bot joins a chat.
import type { CardActionHandler, HandlerResult, MessageHandler } from '../../bot/handler.ts'
import type { BotAddedEvent } from '../../bot/types.ts'
import type { CoreDeps } from '../../deps.ts'
import { renderHelp, welcomeCard } from './help.card.ts'

export const helpHandler: MessageHandler = {
  intent: 'help',
  handle: async ({ event }) => ({ intent: 'help', replies: [{ kind: 'card', card: renderHelp(event.chat) }] }),
}

export const helpShowAction: CardActionHandler = {
  action: 'help.show',
  handle: async ({ event }) => ({ intent: 'help', replies: [{ kind: 'card', card: renderHelp(event.chat) }] }),
}

export async function welcome(_deps: CoreDeps, _event: BotAddedEvent): Promise<HandlerResult> {
  return { intent: 'welcome', replies: [{ kind: 'card', card: welcomeCard({}) }] }
}

/** Until something better answers: a polite decline that points at what the bot can do. */
export const fallbackHandler: MessageHandler = {
  intent: 'out_of_scope',
  handle: async () => ({
    intent: 'out_of_scope',
    replies: [
      {
        kind: 'text',
        text: '抱歉，这个问题我暂时无法解答。我可以解答“质量强企千百行动”相关政策、受理一站式服务申请。发送“帮助”查看全部服务，或发送“我要申请服务”由工作人员为您跟进。',
      },
    ],
  }),
}
