// Verify → acknowledge → process. Adapters call `acceptEvent` once a request is verified and decoded: the event is
// stored (a retried delivery with the same id is acknowledged and dropped) and processed after the response.
// Processing failures are retried by the bot itself (`retryFailedEvents`, a scheduled job), never lost.
import type { CoreDeps } from '../deps.ts'
import { backoffMs } from '../outbox/dispatcher.ts'
import {
  type EnqueueInput,
  enqueueMessage,
  enqueueMessages,
  findSentCard,
  updateSentCard,
} from '../outbox/outbox.repo.ts'
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
  const claim = await deps.db.inboundEvent.updateMany({
    where: { id, status: { in: ['received', 'failed'] } },
    data: { status: 'processing', attempts: { increment: 1 } },
  })
  if (claim.count === 0) return null
  return processClaimed(deps, await deps.db.inboundEvent.findUniqueOrThrow({ where: { id } }))
}

type InboundRow = Awaited<ReturnType<CoreDeps['db']['inboundEvent']['findUniqueOrThrow']>>
type Outcome = { row: InboundRow; event: InboundEvent; result: HandlerResult } | { row: InboundRow; error: unknown }

/** Runs a claimed event's handler. Nothing is recorded yet: see `recordOutcomes`. */
async function runHandler(deps: CoreDeps, row: InboundRow): Promise<Outcome> {
  try {
    const event = inboundEventSchema.parse(JSON.parse(row.payload))
    return { row, event, result: await handle(deps, event) }
  } catch (error) {
    return { row, error }
  }
}

const repliesOf = ({ event, result }: { event: InboundEvent; result: HandlerResult }): EnqueueInput[] =>
  (result.replies ?? []).map((body, index) => ({
    address: { platform: event.platform, chatId: event.chat.chatId },
    body,
    reply: index === 0 && event.kind === 'message' ? event.reply : undefined,
  }))

async function recordFailure(deps: CoreDeps, row: InboundRow, error: unknown) {
  const dead = row.attempts >= MAX_PROCESS_ATTEMPTS
  await deps.db.inboundEvent.update({
    where: { id: row.id },
    data: {
      status: dead ? 'dead' : 'failed',
      lastError: String((error as Error)?.message ?? error).slice(0, 500),
      nextAttemptAt: new Date(deps.clock.now().getTime() + backoffMs(row.attempts)),
    },
  })
  deps.log.error('event processing failed', {
    platform: row.platform,
    eventId: row.eventId,
    attempts: row.attempts,
    dead,
    error,
  })
}

/**
 * Stores the replies of handled events and marks them processed, all in one transaction (one for a whole batch:
 * fewer, shorter holds of SQLite's write lock). If that fails, each event is recorded on its own, so one bad
 * outcome cannot hold the others back; failures are marked for a retry with back-off.
 */
async function recordOutcomes(deps: CoreDeps, outcomes: Outcome[]): Promise<Set<number>> {
  const processed = new Set<number>()
  const handled = outcomes.filter((o) => 'result' in o)
  const write = (batch: typeof handled) =>
    deps.db.$transaction(async (tx) => {
      await enqueueMessages(tx, batch.flatMap(repliesOf))
      await tx.inboundEvent.updateMany({
        where: { id: { in: batch.map((o) => o.row.id) } },
        data: { status: 'processed', processedAt: deps.clock.now(), lastError: null },
      })
    })
  const failed: { row: InboundRow; error: unknown }[] = outcomes.filter((o) => 'error' in o)
  if (handled.length) {
    try {
      await write(handled)
    } catch (error) {
      if (handled.length === 1) failed.push({ row: handled[0]!.row, error })
      else for (const one of handled) for (const id of await recordOutcomes(deps, [one])) processed.add(id)
      handled.length = 0
    }
  }
  for (const { row, event, result } of handled) {
    processed.add(row.id)
    deps.log.info('event processed', { platform: row.platform, eventId: row.eventId, intent: result.intent })
    deps.outbox.kick(event.platform)
  }
  for (const { row, error } of failed) await recordFailure(deps, row, error)
  return processed
}

/** Runs a claimed event's handler and stores its replies with the outcome. */
async function processClaimed(deps: CoreDeps, row: InboundRow): Promise<HandlerResult | null> {
  const outcome = await runHandler(deps, row)
  const processed = await recordOutcomes(deps, [outcome])
  return 'result' in outcome && processed.has(row.id) ? outcome.result : null
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export interface PendingOptions {
  /** Events claimed and recorded together. */
  batch?: number
  /** After a batch that was not full, wait this long so the next one gathers more events (0: do not wait). */
  gatherMs?: number
}

/**
 * Processes every stored event that is still waiting, oldest first: a batch is claimed in one write, handled one
 * event at a time, and recorded in one transaction. Claims make this safe beside another instance doing the same.
 */
export async function processPendingEvents(deps: CoreDeps, options: PendingOptions = {}): Promise<number> {
  const batch = options.batch ?? 100
  let done = 0
  for (;;) {
    const waiting = await deps.db.inboundEvent.findMany({
      where: { status: 'received' },
      orderBy: { id: 'asc' },
      select: { id: true },
      take: batch,
    })
    if (!waiting.length) return done
    const claimed = await deps.db.inboundEvent.updateManyAndReturn({
      where: { id: { in: waiting.map((row) => row.id) }, status: 'received' },
      data: { status: 'processing', attempts: { increment: 1 } },
    })
    const outcomes: Outcome[] = []
    for (const row of claimed.sort((a, b) => a.id - b.id)) outcomes.push(await runHandler(deps, row))
    done += (await recordOutcomes(deps, outcomes)).size
    if (waiting.length < batch && options.gatherMs) await sleep(options.gatherMs)
  }
}

/**
 * A reply may wait this long for others to be recorded with it. A person does not notice 10 ms; under a burst
 * it turns a transaction per event into one per few events.
 */
const GATHER_MS = 10

/**
 * Processing driven by the database rather than a queue in memory (the background thread's): `signal()` says
 * "new events are stored", and one loop works through whatever is waiting, including events stored while no
 * thread ran. However far a burst gets ahead of processing, memory stays flat and no event waits for the sweep.
 */
export function pendingEventsLoop(deps: CoreDeps) {
  let running: Promise<void> | undefined
  let more = false
  const signal = () => {
    more = true
    running ??= (async () => {
      while (more) {
        more = false
        await processPendingEvents(deps, { gatherMs: GATHER_MS })
      }
    })()
      .catch((error) => deps.log.error('processing stored events failed', { error }))
      .finally(() => {
        running = undefined
        if (more) signal() // a signal that came while the loop was finishing
      })
  }
  return { signal, idle: async () => void (await running) }
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
