// What both entrances (HTTP routes and the Stream connection) do with a decoded DingTalk payload: hand robot
// messages to the core (stored, processed after the acknowledgement) and run card clicks synchronously, answering
// with the card's new cardParamMap so DingTalk updates it in place.
import type { BotCore } from '../../bot/core.ts'
import type { CardActionResponse } from '../../bot/types.ts'
import { isBusyError } from '../../db/busy.ts'
import type { CoreDeps } from '../../deps.ts'
import { decodeCardCallback, decodeRobotMessage, userChatId } from './decode.ts'
import { type CardParamMap, renderCardParamMap } from './render.ts'

export type RobotOutcome =
  | { status: 'accepted' | 'duplicate' }
  | { status: 'ignored'; reason: string }
  | { status: 'invalid'; reason: string }

export async function receiveRobotMessage(deps: CoreDeps, core: BotCore, body: unknown): Promise<RobotOutcome> {
  const decoded = decodeRobotMessage(body, deps.clock.now())
  if (decoded.kind === 'invalid') return { status: 'invalid', reason: decoded.reason }
  if (decoded.kind === 'ignored') {
    deps.log.debug('dingtalk message ignored', { reason: decoded.reason })
    return { status: 'ignored', reason: decoded.reason }
  }
  // Without a card template, buttons are numbered in the text and a bare number presses one (the core's
  // src/bot/numbered-reply.ts); the platform module declares which (index.ts).
  if (deps.capabilities(decoded.event.platform).numberedReplies) {
    const numbered = await core.receiveNumberedReply(deps, decoded.event)
    if (numbered) return numbered
  }
  try {
    return await core.acceptEvent(deps, decoded.event)
  } catch (error) {
    // DingTalk never delivers a robot message again: a message that could not be stored is answered, not dropped.
    if (!isBusyError(error)) throw error
    deps.log.error('dingtalk message not stored: database busy; the sender is asked to send it again', { error })
    await core.answer(deps, decoded.event, MESSAGE_NOT_TAKEN_TEXT)
    return { status: 'accepted' }
  }
}

export const MESSAGE_NOT_TAKEN_TEXT = '抱歉，系统繁忙，您的消息未能受理，请稍后再发送一次。'

/** The answer DingTalk expects to a card callback (HTTP body, or `response` inside the Stream ack). */
export interface DingtalkCardResponse {
  cardData?: { cardParamMap: CardParamMap }
  cardUpdateOptions?: { updateCardDataByKey: boolean }
}

/** The click's answer as DingTalk card data: the new card (if any) with the toast text in its `notice` slot. */
export function toCardResponse(response: CardActionResponse): DingtalkCardResponse {
  const notice = response.toast?.text ?? ''
  if (response.card) {
    return {
      cardData: { cardParamMap: renderCardParamMap(response.card, notice).cardParamMap },
      cardUpdateOptions: { updateCardDataByKey: true },
    }
  }
  // No new card: change only the notice line (updateCardDataByKey leaves the other variables as they are).
  return notice ? { cardData: { cardParamMap: { notice } }, cardUpdateOptions: { updateCardDataByKey: true } } : {}
}

export type CardOutcome =
  | { ok: true; response: DingtalkCardResponse }
  | { ok: false; reason: string; ignored?: boolean }

export async function receiveCardCallback(deps: CoreDeps, core: BotCore, body: unknown): Promise<CardOutcome> {
  const decoded = decodeCardCallback(body, deps.clock.now())
  if (decoded.kind === 'invalid') return { ok: false, reason: decoded.reason }
  if (decoded.kind === 'ignored') return { ok: false, reason: decoded.reason, ignored: true }
  const event = decoded.event
  // The callback does not reliably say which chat the card is in; the card we sent does.
  const card = await core.sentCard(deps, decoded.event.cardId!)
  const chatId = card?.chatId ?? (card?.userId ? userChatId(card.userId) : undefined)
  if (chatId) event.chat = { ...event.chat, chatId, chatType: chatId.startsWith('user:') ? 'p2p' : 'group' }
  return { ok: true, response: toCardResponse(await core.handleCardAction(deps, event)) }
}
