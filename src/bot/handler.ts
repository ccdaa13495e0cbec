// The shapes of handlers. One handler per file under src/features/<name>/handlers/, listed in the feature's
// index.ts (see feature.ts). A handler speaks only neutral types and returns what the bot says; the pipeline puts the
// replies in the outbox in the same transaction that marks the event processed.
import type { CoreDeps } from '../deps.ts'
import type { SentCardView } from '../outbox/outbox.repo.ts'
import type { ConversationHandle } from './conversation.ts'
import type {
  CardActionEvent,
  CardActionResponse,
  Citation,
  InboundEvent,
  MessageEvent,
  OutgoingBody,
} from './types.ts'

export interface RecognizedIntent {
  /** policy_answer | eligibility | ticket | help | smalltalk | out_of_scope | … */
  intent: string
  /** 0..1 */
  confidence: number
  /** Whatever the recognizer found (entry ids, ticket category …) for the handler to use. */
  data?: Record<string, unknown>
}

export interface HandlerResult {
  /** The intent as reported in `ask --json` and logs. */
  intent: string
  /** Messages back to the chat the event came from (text or cards), in order. */
  replies?: OutgoingBody[]
  citations?: Citation[]
  /** Card clicks only: what the clicked card shows at once (toast, new card). */
  cardResponse?: CardActionResponse
}

interface BaseContext<E extends InboundEvent> {
  deps: CoreDeps
  event: E
  /** Multi-turn state for this person in this chat. */
  conversation: ConversationHandle
}

export interface MessageContext extends BaseContext<MessageEvent> {
  intent: RecognizedIntent
}
export interface CardActionContext extends BaseContext<CardActionEvent> {
  /** The clicked card as we sent it (null when the button carried no card id or the card is unknown). */
  card: SentCardView | null
}

export interface MessageHandler {
  /** The intent this handler answers. */
  intent: string
  handle(ctx: MessageContext): Promise<HandlerResult>
}

/** Continues a multi-turn flow (the conversation's `flow`), before any intent recognition. */
export interface FlowHandler {
  flow: string
  handle(ctx: MessageContext): Promise<HandlerResult>
}

export interface CardActionHandler {
  /** Exact action name the button carries, e.g. `ticket.approve`. */
  action: string
  handle(ctx: CardActionContext): Promise<HandlerResult>
}

/** Turns text into an intent; recognizers are asked in order and the first answer wins. */
export interface IntentRecognizer {
  name: string
  recognize(
    text: string,
    deps: CoreDeps,
    event: MessageEvent,
  ): Promise<RecognizedIntent | null> | RecognizedIntent | null
}

export const text = (value: string): OutgoingBody => ({ kind: 'text', text: value })
