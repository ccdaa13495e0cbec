// Card clicks: each is checked against the card it came from (gone, another chat's, an older version) before its
// handler runs, and the card's next version is saved. A click is answered at once within the platform's deadline
// (handleCardAction); a stored click taken back after a crash is processed by pipeline.ts through `cardAction`.
import { isBusyError } from '../db/busy.ts'
import type { CoreDeps } from '../deps.ts'
import { enqueueMessage, findSentCard, updateSentCard } from '../outbox/outbox.repo.ts'
import { dispatchCardAction } from './dispatcher.ts'
import type { HandlerResult } from './handler.ts'
import { markProcessed, viewerOf } from './processed.ts'
import type { CardActionEvent, CardActionResponse } from './types.ts'
import { runUnit } from './unit-of-work.ts'

const toast = (type: 'info' | 'warning' | 'error', text: string): CardActionResponse => ({ toast: { type, text } })

/** Checks the click against the card it came from, runs the handler and saves the card's next version. */
export async function cardAction(
  deps: CoreDeps,
  event: CardActionEvent,
  options: { push: boolean },
): Promise<{ result: HandlerResult; response: CardActionResponse }> {
  const card = event.cardId ? await findSentCard(deps.db, event.cardId) : null
  const refuse = (response: CardActionResponse) => ({
    result: { intent: 'card_refused', cardResponse: response },
    response,
  })
  if (event.cardId && !card) return refuse(toast('warning', '该卡片已失效，请重新发起。'))
  if (card && (card.platform !== event.platform || (card.chatId && card.chatId !== event.chat.chatId))) {
    return refuse(toast('error', '该按钮不属于当前会话，操作未生效。'))
  }
  if (card && event.cardVersion !== undefined && event.cardVersion < card.version) {
    return refuse({ toast: { type: 'warning', text: STALE_CARD_TEXT }, card: card.model })
  }
  const result = await dispatchCardAction(deps, event, card)
  const response: CardActionResponse = { ...result.cardResponse }
  if (card && response.card) {
    // A click answered at once updates the clicked card for everyone who sees it, with no separate push; one
    // processed later (taken back after a crash) has no one waiting for the answer: push the new look.
    const saved = await updateSentCard(deps.db, card.id, card.version, response.card, options)
    if (!saved) return refuse({ toast: { type: 'warning', text: '卡片已被他人更新，请查看最新状态。' } })
    response.card = saved
  }
  return { result: { ...result, cardResponse: response }, response }
}

export interface CardActionOptions {
  /**
   * Platforms that cannot answer a click in place (numbered replies) send the answer as messages: written by this
   * hook inside the click's unit of work, so the decision never stands without the message that confirms it.
   */
  answer?: (unit: CoreDeps, response: CardActionResponse) => Promise<void>
  /** The click could not be done (nothing of it was kept) and `answer` could not say so: tell the person here. */
  notDone?: (response: CardActionResponse) => Promise<void>
}

/** A click (or a typed number) on a card version older than the current one: nothing is pressed. */
export const STALE_CARD_TEXT = '卡片已更新，请按最新卡片操作。'

/** The truth when a click's unit could not commit: nothing of it was kept. */
export const CLICK_NOT_DONE_TEXT = '系统繁忙，本次操作未生效，请稍后重试；如多次失败请联系工作人员。'
export const CLICK_FAILED_TEXT = '本次操作未生效，请稍后重试；如多次失败请联系工作人员。'

/** A click is answered within the platform's deadline (Feishu: 3 s), busy database or not. */
const CLICK_DEADLINE_MS = 2_000

const isDuplicateKey = (error: unknown) => (error as { code?: string })?.code === 'P2002'

/** A click delivered again: it was decided already; show the card as it is now. */
async function alreadyHandled(deps: CoreDeps, event: CardActionEvent): Promise<CardActionResponse> {
  const card = event.cardId ? await findSentCard(deps.db, event.cardId) : null
  return card ? { card: card.model } : {}
}

/**
 * A card click, answered synchronously (Feishu allows 3 s): returns the toast and the clicked card's new look.
 * The click's record, its decision, the messages it sends and the card's new version are one unit of work: when the
 * database stays busy past the platform's deadline, nothing of it is kept and the person is told so.
 */
export async function handleCardAction(
  deps: CoreDeps,
  event: CardActionEvent,
  options: CardActionOptions = {},
): Promise<CardActionResponse> {
  await deps.incarnation.touch()
  const key = { platform_eventId: { platform: event.platform, eventId: event.eventId } }
  try {
    return await runUnit(
      deps,
      async (unit) => {
        if (await unit.db.inboundEvent.findUnique({ where: key, select: { id: true } }))
          return alreadyHandled(unit, event)
        // Recorded first, claimed by this incarnation: a second delivery of the same click waits for this one and
        // then finds it; a crash mid-way leaves nothing behind (the platform shows the person a failure).
        const row = await unit.db.inboundEvent.create({
          data: {
            platform: event.platform,
            eventId: event.eventId,
            kind: event.kind,
            payload: JSON.stringify(event),
            status: 'processing',
            claimedBy: unit.incarnation.id,
            attempts: 1,
          },
        })
        const { result, response } = await cardAction(unit, event, { push: false })
        const address = { platform: event.platform, chatId: event.chat.chatId }
        for (const body of result.replies ?? []) {
          await enqueueMessage(unit.db, { address, body, viewer: viewerOf(event) })
        }
        await options.answer?.(unit, response)
        await markProcessed(unit, row.id)
        unit.outbox.kick(event.platform)
        return response
      },
      { what: 'card action', deadlineMs: CLICK_DEADLINE_MS },
    )
  } catch (error) {
    if (isDuplicateKey(error)) return alreadyHandled(deps, event)
    const busy = isBusyError(error)
    deps.log.error('card action not done; nothing of it was kept', {
      platform: event.platform,
      action: event.action,
      busy,
      error,
    })
    const response = toast('error', busy ? CLICK_NOT_DONE_TEXT : CLICK_FAILED_TEXT)
    await options.notDone?.(response)
    return response
  }
}
