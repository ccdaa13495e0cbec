// Routes one neutral event to its handler: an active multi-turn flow first, then intent recognition for
// messages; the action name for card clicks. The registry is built from the feature list (handlers.ts).

import type { CoreDeps } from '../deps.ts'
import type { SentCardView } from '../outbox/outbox.repo.ts'
import { conversationHandle } from './conversation.ts'
import type { DigestContribution } from './digest.ts'
import type {
  CardActionHandler,
  FlowHandler,
  HandlerResult,
  IntentRecognizer,
  MessageHandler,
  RecognizedIntent,
} from './handler.ts'
import type { BotAddedEvent, CardActionEvent, MessageEvent } from './types.ts'

export interface HandlerRegistry {
  recognizers: IntentRecognizer[]
  messages: Map<string, MessageHandler>
  flows: Map<string, FlowHandler>
  actions: Map<string, CardActionHandler>
  /** Answers a bot being added to a chat. */
  welcome(deps: CoreDeps, event: BotAddedEvent): Promise<HandlerResult>
  /** What features contribute to staff digests (src/bot/digest.ts), in the order of the feature list. */
  digests: { feature: string; contribution: DigestContribution }[]
}

const CANCEL = /^(取消|退出|算了|不办了|结束)$/
const FALLBACK: RecognizedIntent = { intent: 'out_of_scope', confidence: 0 }

export async function recognize(deps: CoreDeps, event: MessageEvent): Promise<RecognizedIntent> {
  const text = event.text.trim()
  if (!text) return { intent: 'help', confidence: 1 }
  for (const recognizer of deps.handlers.recognizers) {
    const found = await recognizer.recognize(text, deps, event)
    if (found) return found
  }
  return FALLBACK
}

export async function dispatchMessage(deps: CoreDeps, event: MessageEvent): Promise<HandlerResult> {
  const conversation = conversationHandle(deps.db, deps.clock, event.chat, event.sender)
  const state = await conversation.current()
  if (state) {
    if (CANCEL.test(event.text.trim())) {
      await conversation.end()
      return {
        intent: 'cancel',
        replies: [{ kind: 'text', text: '好的，已为您取消当前办理。如需帮助，请随时告诉我。' }],
      }
    }
    const flow = deps.handlers.flows.get(state.flow)
    if (flow) return flow.handle({ deps, event, conversation, intent: { intent: state.flow, confidence: 1 } })
  }
  const intent = await recognize(deps, event)
  const handler = deps.handlers.messages.get(intent.intent) ?? deps.handlers.messages.get(FALLBACK.intent)
  if (!handler) throw new Error(`no handler for intent ${intent.intent} and no fallback`)
  return handler.handle({ deps, event, conversation, intent })
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
