// The one interface every platform adapter talks to the core through (src/platforms/*): adapters verify and decode,
// then call these; they never query the database themselves. Injectable, so adapter tests can stand in for the core.
import type { CardModel } from '../cards/model.ts'
import type { CoreDeps } from '../deps.ts'
import { findSentCard } from '../outbox/outbox.repo.ts'
import { type CardActionOptions, handleCardAction } from './card-action.ts'
import type { HandlerResult } from './handler.ts'
import { answer, numberAnswersFlow, receiveNumberedReply } from './numbered-reply.ts'
import { type KnownPerson, peopleOn } from './people.ts'
import { acceptEvent, runEventNow } from './pipeline.ts'
import type { CardActionEvent, CardActionResponse, InboundEvent, MessageEvent } from './types.ts'

/** A card we sent, as it is now: its latest look, and where it went (its chat, or the person sent to directly). */
export interface SentCardState {
  model: CardModel
  version: number
  chatId: string | null
  userId: string | null
}

export interface BotCore {
  /** Stores the event (a redelivery is a duplicate) and processes it after the platform was answered. */
  acceptEvent(deps: CoreDeps, event: InboundEvent): Promise<{ status: 'accepted' | 'duplicate' }>
  /** Runs a click at once and returns its answer (toast, the card's new look) within the platform's deadline. */
  handleCardAction(deps: CoreDeps, event: CardActionEvent, options?: CardActionOptions): Promise<CardActionResponse>
  /** Stores and processes at once; the caller waits for the bot's answer (console, simulator). */
  runEventNow(deps: CoreDeps, event: InboundEvent): Promise<HandlerResult | null>
  /**
   * For platforms with numbered replies: a message that is a bare number presses that button of the chat's latest
   * card, answered as messages; null when the message is not one (hand it to acceptEvent or runEventNow then).
   */
  receiveNumberedReply(deps: CoreDeps, message: MessageEvent): Promise<{ status: 'accepted' | 'duplicate' } | null>
  /** Whether a bare number answers the sender's active flow (a question that takes a number) rather than a button. */
  numberAnswersFlow(deps: CoreDeps, message: MessageEvent): Promise<boolean>
  /** Tells the sender something outside any handler (e.g. "your message was not taken"), even on a busy database. */
  answer(deps: CoreDeps, message: MessageEvent, text: string): Promise<void>
  /** A card we sent, as it is now (callbacks that do not say their chat; a terminal that shows the latest look). */
  sentCard(deps: CoreDeps, cardId: string): Promise<SentCardState | null>
  /** Who is known on a platform (staff accounts, enterprise contacts): a simulator's list of people to act as. */
  peopleOn(deps: CoreDeps, platform: string): Promise<KnownPerson[]>
}

export const botCore: BotCore = {
  acceptEvent,
  handleCardAction,
  runEventNow,
  receiveNumberedReply,
  numberAnswersFlow,
  answer,
  peopleOn: (deps, platform) => peopleOn(deps, platform),
  async sentCard(deps, cardId) {
    const card = await findSentCard(deps.db, cardId)
    return card ? { model: card.model, version: card.version, chatId: card.chatId, userId: card.userId } : null
  },
}
