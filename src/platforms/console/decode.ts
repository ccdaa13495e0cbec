// The console's decoding: a typed line becomes the neutral message of a console user; a number that presses a
// button shown on screen becomes the neutral click (the core's toCardAction, as for every numbered reply).
import { randomUUID } from 'node:crypto'
import { toCardAction } from '../../bot/numbered-reply.ts'
import type { Actor, CardActionEvent, ChatRef, MessageEvent } from '../../bot/types.ts'
import type { CardButton, CardModel } from '../../cards/model.ts'

export const CONSOLE = 'console'

export function lineToMessage(line: string, chat: ChatRef, sender: Actor, now: Date): MessageEvent {
  return {
    eventId: randomUUID(),
    platform: CONSOLE,
    chat,
    receivedAt: now,
    kind: 'message',
    sender,
    text: line,
    reply: {},
  }
}

/** The click a typed number stands for: on the card shown, with the button's own action and value. */
export function numberToClick(message: MessageEvent, card: CardModel, button: CardButton): CardActionEvent {
  const click = toCardAction(message, { ...card, id: card.id ?? '' }, button)
  return card.id ? click : { ...click, cardId: undefined, cardVersion: undefined }
}
