// Routes one neutral event to its handler: an active multi-turn flow first, then intent recognition for
// messages; the action name for card clicks. The registry is built from the feature list (handlers.ts).

import type { CoreDeps } from '../deps.ts'
import type { SentCardView } from '../outbox/outbox.repo.ts'
import { conversationHandle } from './conversation.ts'
import type { DigestContribution } from './digest.ts'
import { afterLapse, continueFlow } from './flow-turn.ts'
import type { CardActionHandler, FlowHandler, HandlerResult, IntentRecognizer, MessageHandler } from './handler.ts'
import { answerIntent, recognize } from './recognize.ts'
import type { BotAddedEvent, CardActionEvent, MessageEvent } from './types.ts'

export { recognize } from './recognize.ts'

export interface HandlerRegistry {
  recognizers: IntentRecognizer[]
  /** Names of the final recognizers (catch-all classifiers): what they find is a guess, not a typed command. */
  classifiers: ReadonlySet<string>
  messages: Map<string, MessageHandler>
  flows: Map<string, FlowHandler>
  actions: Map<string, CardActionHandler>
  /** Answers a bot being added to a chat. */
  welcome(deps: CoreDeps, event: BotAddedEvent): Promise<HandlerResult>
  /** What features contribute to staff digests (src/bot/digest.ts), in the order of the feature list. */
  digests: { feature: string; contribution: DigestContribution }[]
}

/**
 * A message: a lapsed flow is mentioned first (never ended silently); an open flow reads it (src/bot/flow-turn.ts:
 * its answer, 取消, 继续, or a digression it waits through); otherwise the recognized intent's handler answers.
 */
export async function dispatchMessage(deps: CoreDeps, event: MessageEvent): Promise<HandlerResult> {
  const conversation = conversationHandle(deps.db, deps.clock, event.chat, event.sender)
  const turn = { deps, event, conversation }
  const lapsed = await conversation.lapsed()
  const lapsedFlow = lapsed && deps.handlers.flows.get(lapsed.flow)
  if (lapsed && lapsedFlow) return afterLapse(turn, lapsed, lapsedFlow)
  const state = await conversation.current()
  const flow = state && deps.handlers.flows.get(state.flow)
  if (state && flow) return continueFlow(turn, state, flow)
  // A flow no feature answers any more (switched off since): it holds nothing worth keeping.
  if (state) await conversation.end()
  return answerIntent({ ...turn, intent: await recognize(deps, event) })
}

export async function dispatchCardAction(
  deps: CoreDeps,
  event: CardActionEvent,
  card: SentCardView | null,
): Promise<HandlerResult> {
  const handler = deps.handlers.actions.get(event.action)
  if (!handler) {
    return {
      intent: 'unknown_action',
      cardResponse: { toast: { type: 'warning', text: '该操作暂不支持，请发送“帮助”查看可用服务。' } },
    }
  }
  const conversation = conversationHandle(deps.db, deps.clock, event.chat, event.operator)
  return handler.handle({ deps, event, conversation, card })
}
