// Verify → acknowledge → process. Adapters call `acceptEvent` once a request is verified and decoded: the event is
// stored (a retried delivery with the same id is acknowledged and dropped) and processed after the response.
// Processing failures are retried by the bot itself (`retryFailedEvents`, a scheduled job), never lost.
import type { CoreDeps } from '../deps.ts'
import { backoffMs } from '../outbox/dispatcher.ts'
import { enqueueMessage, findSentCard, updateSentCard } from '../outbox/outbox.repo.ts'
import { dispatchCardAction, dispatchMessage } from './dispatcher.ts'
import type { HandlerResult } from './handler.ts'
import { type CardActionEvent, type CardActionResponse, type InboundEvent, inboundEventSchema } from './types.ts'

export const MAX_PROCESS_ATTEMPTS = 5

/** The stored row's id, or null for a retried delivery (see inbound-store.ts). */
const store = (deps: CoreDeps, event: InboundEvent) => deps.inbox.insert(event)

/** Stores the event and schedules its processing. Resolves before any slow work: answer the platform then. */
export async function acceptEvent(deps: CoreDeps, event: InboundEvent): Promise<{ status: 'accepted' | 'duplicate' }> {
  const id = await store(deps, event)
  if (id === null) {
    deps.log.info('duplicate event ignored', { platform: event.platform, eventId: event.eventId })
    return { status: 'duplicate' }
  }
  deps.processLater(id)
  return { status: 'accepted' }
}

/** Accepts and processes at once (console, simulator): the caller waits for the bot's answer. */
export async function runEventNow(deps: CoreDeps, event: InboundEvent): Promise<HandlerResult | null> {
  const id = await store(deps, event)
  return id === null ? null : processInboundEvent(deps, id)
}

function handle(deps: CoreDeps, event: InboundEvent): Promise<HandlerResult> {
  switch (event.kind) {
    case 'message':
      return dispatchMessage(deps, event)
    case 'bot_added':
      return deps.handlers.welcome(deps, event)
    case 'card_action':
      return cardAction(deps, event).then((r) => r.result)
  }
}

/** Processes one stored event exactly once: claims it, runs its handler, stores the replies in the outbox. */
export async function processInboundEvent(deps: CoreDeps, id: number): Promise<HandlerResult | null> {
  const now = deps.clock.now()
  const claim = await deps.db.inboundEvent.updateMany({
    where: { id, status: { in: ['received', 'failed'] } },
    data: { status: 'processing', attempts: { increment: 1 } },
  })
  if (claim.count === 0) return null
  const row = await deps.db.inboundEvent.findUniqueOrThrow({ where: { id } })
  try {
    const event = inboundEventSchema.parse(JSON.parse(row.payload))
    const result = await handle(deps, event)
    await deps.db.$transaction(async (tx) => {
      for (const [index, body] of (result.replies ?? []).entries()) {
        const reply = index === 0 && event.kind === 'message' ? event.reply : undefined
        await enqueueMessage(tx, { address: { platform: event.platform, chatId: event.chat.chatId }, body, reply })
      }
      await tx.inboundEvent.update({ where: { id }, data: { status: 'processed', processedAt: now, lastError: null } })
    })
    deps.outbox.kick(event.platform)
    deps.log.info('event processed', { platform: row.platform, eventId: row.eventId, intent: result.intent })
    return result
  } catch (error) {
    const dead = row.attempts >= MAX_PROCESS_ATTEMPTS
    await deps.db.inboundEvent.update({
      where: { id },
      data: {
        status: dead ? 'dead' : 'failed',
        lastError: String((error as Error)?.message ?? error).slice(0, 500),
        nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)),
      },
    })
    deps.log.error('event processing failed', {
      platform: row.platform,
      eventId: row.eventId,
      attempts: row.attempts,
      dead,
      error,
    })
    return null
  }
}

/**
 * Processes every stored event that is still waiting (oldest first), e.g. when a background thread starts: events
 * may have arrived while it was down. Claims make this safe beside another instance doing the same.
 */
export async function processPendingEvents(deps: CoreDeps, batch = 100): Promise<number> {
  let done = 0
  let after = 0
  for (;;) {
    const rows = await deps.db.inboundEvent.findMany({
      where: { status: 'received', id: { gt: after } },
      orderBy: { id: 'asc' },
      select: { id: true },
      take: batch,
    })
    for (const row of rows) if (await processInboundEvent(deps, row.id)) done++
    if (rows.length < batch) return done
    after = rows.at(-1)!.id
  }
}

/** Picks up events whose processing failed (or whose process died mid-way) and runs them again. */
export async function retryFailedEvents(deps: CoreDeps): Promise<number> {
  const now = deps.clock.now()
  const stuckBefore = new Date(now.getTime() - 5 * 60_000)
  const rows = await deps.db.inboundEvent.findMany({
    where: {
      OR: [
        { status: 'failed', nextAttemptAt: { lte: now } },
        { status: 'received', receivedAt: { lt: stuckBefore } },
        { status: 'processing', receivedAt: { lt: stuckBefore } },
      ],
    },
    take: 50,
  })
  for (const row of rows) {
    if (row.status === 'processing')
      await deps.db.inboundEvent.update({ where: { id: row.id }, data: { status: 'failed' } })
    await processInboundEvent(deps, row.id)
  }
  return rows.length
}

const toast = (type: 'info' | 'warning' | 'error', text: string): CardActionResponse => ({ toast: { type, text } })

/** Checks the click against the card it came from, runs the handler and saves the card's next version. */
async function cardAction(
  deps: CoreDeps,
  event: CardActionEvent,
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
    return refuse({ toast: { type: 'warning', text: '卡片内容已更新，请在最新的卡片上操作。' }, card: card.model })
  }
  const result = await dispatchCardAction(deps, event, card)
  const response: CardActionResponse = { ...result.cardResponse }
  if (card && response.card) {
    // The click's own answer updates the clicked card for everyone who sees it; no separate push needed.
    const saved = await updateSentCard(deps.db, card.id, card.version, response.card, { push: false })
    if (!saved) return refuse({ toast: { type: 'warning', text: '卡片已被他人更新，请查看最新状态。' } })
    response.card = saved
  }
  return { result: { ...result, cardResponse: response }, response }
}

/**
 * A card click, answered synchronously (Feishu allows 3 s): returns the toast and the clicked card's new look.
 * Replies the handler wants to send go through the outbox like any other message.
 */
export async function handleCardAction(deps: CoreDeps, event: CardActionEvent): Promise<CardActionResponse> {
  const id = await store(deps, event)
  if (id === null) {
    const card = event.cardId ? await findSentCard(deps.db, event.cardId) : null
    return card ? { card: card.model } : {}
  }
  await deps.db.inboundEvent.update({ where: { id }, data: { status: 'processing', attempts: 1 } })
  try {
    const { result, response } = await cardAction(deps, event)
    await deps.db.$transaction(async (tx) => {
      for (const body of result.replies ?? []) {
        await enqueueMessage(tx, { address: { platform: event.platform, chatId: event.chat.chatId }, body })
      }
      await tx.inboundEvent.update({ where: { id }, data: { status: 'processed', processedAt: deps.clock.now() } })
    })
    deps.outbox.kick(event.platform)
    return response
  } catch (error) {
    await deps.db.inboundEvent.update({
      where: { id },
      data: { status: 'dead', lastError: String((error as Error)?.message ?? error).slice(0, 500) },
    })
    deps.log.error('card action failed', { platform: event.platform, action: event.action, error })
    return toast('error', '操作未成功，请稍后重试；如多次失败请联系工作人员。')
  }
}
