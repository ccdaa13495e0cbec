// Numbered replies, for every platform that declares `numberedReplies` (src/bot/capabilities.ts): where messages
// cannot call back (DingTalk robot messages without a card template, a terminal, …), the platform's renderer numbers
// a card's callback buttons in the text (src/cards/buttons.ts order: "回复 1：同意"). A bare number the person sends
// back becomes the neutral click on that button of the latest such card in the chat, and runs exactly as a card
// callback would: card-action.ts's stale-version check, the handlers' role checks against the verified sender.
// Such messages cannot be edited, so the click's answer (toast, card's new look) is sent back as new messages.
//
// The rule that makes a number mean one thing: a number always refers to the same action of the same card.
// - A card's buttons may keep a fixed number per action (CardButton.number; the ticket cards number 接单 1, 转派 2,
//   需要审批 3, 办结 4 on every version), so when a version drops a button the others keep their numbers: a number
//   remembered from an older version presses the same action or none ("没有编号为 n 的选项"), never another one.
// - A number presses the latest version of the card it was shown on; a click carrying an older version is refused
//   (card-action.ts) with "卡片已更新，请按最新卡片操作。" and the current card (STALE_CARD_TEXT), never pressed.
// - Final actions (办结, 驳回) ask first where the platform has no forms: the number opens a 确认/取消 card whose
//   确认 does the action (src/features/tickets/handlers/work.actions.ts).
import { numberedButtons } from '../cards/buttons.ts'
import { type CardButton, type CardModel, cardModelSchema } from '../cards/model.ts'
import { retryWhenBusy } from '../db/busy.ts'
import type { CoreDeps } from '../deps.ts'
import { enqueueMessage, updateSentCard } from '../outbox/outbox.repo.ts'
import { CLICK_NOT_DONE_TEXT, handleCardAction } from './card-action.ts'
import { conversationKey } from './conversation.ts'
import type { CardActionEvent, CardActionResponse, ChatRef, MessageEvent } from './types.ts'

/** Flows whose next answer is free text, never a number: a bare number then still means a button. */
export const TEXT_ONLY_FLOWS = new Set(['ticket_comment'])
/** How many of the chat's latest cards are searched for one with buttons. */
const RECENT_CARDS = 20

export const NO_CARD_TEXT = '您好，目前没有可以回复数字办理的事项。如需帮助，请发送“帮助”查看可用服务。'
export const outOfRangeText = (n: number, numbers: number[]) =>
  `抱歉，没有编号为 ${n} 的选项。${numbers.length === 1 ? `请回复 ${numbers[0]}` : isRun(numbers) ? `请回复 ${numbers[0]} 到 ${numbers.at(-1)} 之间的数字` : `请回复 ${numbers.join('、')} 中的一个数字`}（对应最近一张卡片中的选项）。`
const isRun = (ns: number[]) => ns.every((n, i) => i === 0 || n === ns[i - 1]! + 1)

/** The number in a message that is nothing but a number (half- or full-width digits), else null. */
export function parseReplyNumber(text: string): number | null {
  const ascii = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
  return /^\d{1,2}$/.test(ascii) ? Number(ascii) : null
}

/**
 * Whether the conversation state means the number answers a question the core asked (a category by its number …).
 * An expired `ticket_` flow counts too: the core tells the person it expired (src/bot/flow-turn.ts) rather than
 * letting the number press something they did not mean.
 */
export function flowTakesNumber(row: { flow: string; expiresAt: Date } | null, now: Date): boolean {
  if (!row || TEXT_ONLY_FLOWS.has(row.flow)) return false
  return row.expiresAt > now || row.flow.startsWith('ticket_')
}

/** Whether a bare number from this person in this chat answers their active flow rather than pressing a button. */
export async function numberAnswersFlow(deps: CoreDeps, message: MessageEvent): Promise<boolean> {
  const flow = await deps.db.conversation.findUnique({ where: { key: conversationKey(message.chat, message.sender) } })
  return flowTakesNumber(flow, deps.clock.now())
}

export interface NumberedCard {
  card: CardModel & { id: string }
  buttons: { n: number; button: CardButton }[]
}

export type NumberedChoice =
  | { kind: 'press'; card: NumberedCard['card']; button: CardButton }
  | { kind: 'no_card' }
  | { kind: 'out_of_range'; numbers: number[] }

/** The button number `n` means: on the latest card (newest first) that still has buttons. */
export function chooseButton(newestFirst: NumberedCard[], n: number): NumberedChoice {
  const latest = newestFirst.find((c) => c.buttons.length > 0)
  if (!latest) return { kind: 'no_card' }
  const button = latest.buttons.find((b) => b.n === n)?.button
  return button
    ? { kind: 'press', card: latest.card, button }
    : { kind: 'out_of_range', numbers: latest.buttons.map((b) => b.n) }
}

/** The neutral click the number stands for; the message's id is its event id (one message, one decision). */
export function toCardAction(message: MessageEvent, card: NumberedCard['card'], button: CardButton): CardActionEvent {
  return {
    kind: 'card_action',
    eventId: message.eventId,
    platform: message.platform,
    chat: message.chat,
    receivedAt: message.receivedAt,
    operator: message.sender,
    cardId: card.id,
    cardVersion: card.version,
    action: button.action ?? '',
    value: button.value,
    form: {},
  }
}

/**
 * The chat's cards, newest first: in a one-to-one chat, cards sent to the person (by user id, without a chat) are
 * in it too.
 */
async function recentCards(deps: CoreDeps, chat: ChatRef, sender: string): Promise<NumberedCard[]> {
  const person = chat.chatType === 'p2p' ? sender : null
  const rows = await deps.db.sentCard.findMany({
    where: {
      platform: chat.platform,
      OR: [{ chatId: chat.chatId }, ...(person ? [{ chatId: null, userId: person }] : [])],
    },
    orderBy: { createdAt: 'desc' },
    take: RECENT_CARDS,
  })
  return rows.flatMap((row) => {
    const parsed = cardModelSchema.safeParse(JSON.parse(row.model))
    if (!parsed.success) return []
    const card = { ...parsed.data, id: row.id, version: row.version }
    return [{ card, buttons: numberedButtons(card) }]
  })
}

const answerKey = (message: MessageEvent) => `${message.platform}:${message.eventId}:answer`

/**
 * The click's answer as messages (they cannot be edited): the toast as text (as a reply where the platform has a
 * way to answer the message, e.g. DingTalk's sessionWebhook), then the card's new look. Written inside the click's
 * unit of work, so the decision and its answer stand together.
 */
const answerAsMessages =
  (message: MessageEvent) =>
  async (unit: CoreDeps, response: CardActionResponse): Promise<void> => {
    const address = { platform: message.platform, chatId: message.chat.chatId }
    if (response.toast) {
      const body = { kind: 'text' as const, text: response.toast.text }
      await enqueueMessage(unit.db, { address, body, reply: message.reply, dedupeKey: answerKey(message) })
    }
    // The pipeline saved the new look without pushing it (a click's answer updates in place on a real card).
    // Re-saving it with push queues it like any later change: here, a new message with the same card id.
    const card = response.card
    if (card?.id) await updateSentCard(unit.db, card.id, card.version, card, { push: true })
  }

/**
 * Tells the person something that is not a decision (no card, a wrong number, "try again"). Through the outbox
 * when the database takes it; when it stays busy, straight through the platform, so nobody is left without an answer.
 */
export async function answer(deps: CoreDeps, message: MessageEvent, text: string): Promise<void> {
  const address = { platform: message.platform, chatId: message.chat.chatId }
  const body = { kind: 'text' as const, text }
  try {
    await retryWhenBusy(
      () => enqueueMessage(deps.db, { address, body, reply: message.reply, dedupeKey: answerKey(message) }),
      { deadlineMs: 1000 },
    )
    deps.outbox.kick(message.platform)
  } catch (error) {
    deps.log.error('answer not queued; sending it directly', {
      platform: message.platform,
      eventId: message.eventId,
      error,
    })
    const port = deps.ports[message.platform]
    const sent = await port?.deliver({ id: 0, address, body, reply: message.reply }).catch((e: Error) => ({
      ok: false as const,
      error: e.message,
    }))
    if (!sent?.ok) deps.log.error('answer lost', { platform: message.platform, eventId: message.eventId, sent })
  }
}

/**
 * Handles a message that is a numbered reply, or returns null to let the core treat it as a message.
 * Runs before the acknowledgement, as card callbacks do, so a lost process loses no decision it announced.
 */
export async function receiveNumberedReply(
  deps: CoreDeps,
  message: MessageEvent,
): Promise<{ status: 'accepted' | 'duplicate' } | null> {
  const n = parseReplyNumber(message.text)
  if (n === null) return null
  // A redelivered message was handled already, whichever way (message or click): never twice, never both.
  const seen = await deps.db.inboundEvent.findUnique({
    where: { platform_eventId: { platform: message.platform, eventId: message.eventId } },
  })
  if (seen) return { status: 'duplicate' }
  if (await numberAnswersFlow(deps, message)) return null
  const choice = chooseButton(await recentCards(deps, message.chat, message.sender.userId), n)
  if (choice.kind === 'no_card') await answer(deps, message, NO_CARD_TEXT)
  if (choice.kind === 'out_of_range') await answer(deps, message, outOfRangeText(n, choice.numbers))
  if (choice.kind !== 'press') return { status: 'accepted' }
  // The decision and the messages that answer it are one unit; when it could not be done, the person is told.
  await handleCardAction(deps, toCardAction(message, choice.card, choice.button), {
    answer: answerAsMessages(message),
    notDone: (response) => answer(deps, message, response.toast?.text ?? CLICK_NOT_DONE_TEXT),
  })
  return { status: 'accepted' }
}
