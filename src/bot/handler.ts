// The shapes of handlers. One handler per file under src/features/<name>/handlers/, listed in the feature's
// index.ts (see feature.ts). A handler speaks only neutral types and returns what the bot says; the pipeline puts the
// replies in the outbox in the same transaction that marks the event processed.
import type { CoreDeps } from '../deps.ts'
import type { SentCardView } from '../outbox/outbox.repo.ts'
import type { ConversationHandle, FlowState } from './conversation.ts'
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

/**
 * What a flow's pending step waits for, so the core can tell an answer from a digression (src/bot/digression.ts):
 * `text` takes any sentence that is not clearly something else; the other kinds take only what `accepts` says is an
 * answer, and anything else is either handled as the other thing it is or answered by asking again.
 */
export interface FlowStep {
  input: 'text' | 'phone' | 'choice' | 'code' | 'confirm'
  /** Whether a message answers this step (every kind but `text` needs it; `text` may use it to refuse a sentence). */
  accepts?(text: string): boolean
  /** The question of this step, asked again after 「继续」 or when a message did not answer it. */
  prompt: string
  /** Asked instead of the bare prompt when a message did not answer it (default: a polite "I did not get that"). */
  retry?: string
  /** Nothing is lost by leaving: a digression ends the flow quietly instead of keeping it open. */
  optional?: boolean
}

/** Continues a multi-turn flow (the conversation's `flow`): the core hands it the messages that answer its step. */
export interface FlowHandler {
  flow: string
  /** How the person calls what they are doing, in a sentence: 服务申请, 企业绑定 … */
  label: string
  /** The pending step, from the saved state; null when the state is unusable (the flow then answers it itself). */
  step(state: FlowState): FlowStep | null
  /** Intents that start this flow: typed again inside it, they are its input rather than a digression. */
  intents?: readonly string[]
  /** Said after a digression, while the flow waits (default: 您的{label}还在填写中，回复「继续」接着填写 …). */
  waiting?: string
  /** Said when the person leaves (default: 已为您取消{label} …). */
  cancelled?: string
  /** Said when the person writes after the flow lapsed; null says nothing (default: 您之前未完成的{label} …). */
  expired?: string | null
  /** What to send to start again, named in the default expiry note: "我要申请服务". */
  restart?: string
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
