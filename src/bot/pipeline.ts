// Verify → acknowledge → process. Adapters call `acceptEvent` once a request is verified and decoded: the event is
// stored (a retried delivery with the same id is acknowledged and dropped) and processed after the response.
// Each event is handled as one unit of work (src/bot/unit-of-work.ts) under a claim that dies with its owner
// (src/bot/incarnation.ts). Processing failures are retried by the bot itself, never lost.
import { isBusyError, retryWhenBusy } from '../db/busy.ts'
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
import { takeOverStranded } from './incarnation.ts'
import { type CardActionEvent, type CardActionResponse, type InboundEvent, inboundEventSchema } from './types.ts'
import { runUnit, UnitAborted } from './unit-of-work.ts'

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
      return cardAction(deps, event, { push: true }).then((r) => r.result)
  }
}

/** How long a stored event's processing keeps trying a busy database before it is retried later with back-off. */
const PROCESS_DEADLINE_MS = 10_000
/** A click is answered within the platform's deadline (Feishu: 3 s), busy database or not. */
const CLICK_DEADLINE_MS = 2_000

/** Processes one stored event exactly once: claims it, runs its handler, stores the replies in the outbox. */
export async function processInboundEvent(deps: CoreDeps, id: number): Promise<HandlerResult | null> {
  await deps.incarnation.touch()
  const claim = await retryWhenBusy(
    () =>
      deps.db.inboundEvent.updateMany({
        where: { id, status: { in: ['received', 'failed'] } },
        data: { status: 'processing', claimedBy: deps.incarnation.id, attempts: { increment: 1 } },
      }),
    { deadlineMs: PROCESS_DEADLINE_MS },
  )
  if (claim.count === 0) return null
  return processClaimed(deps, await deps.db.inboundEvent.findUniqueOrThrow({ where: { id } }))
}

type InboundRow = Awaited<ReturnType<CoreDeps['db']['inboundEvent']['findUniqueOrThrow']>>

/** The person a one-to-one chat's replies are shown to (recorded on the cards sent there). */
function viewerOf(event: InboundEvent): string | undefined {
  if (event.chat.chatType !== 'p2p') return undefined
  if (event.kind === 'message') return event.sender.userId
  return event.kind === 'card_action' ? event.operator.userId : undefined
}

const repliesOf = (event: InboundEvent, result: HandlerResult): EnqueueInput[] =>
  (result.replies ?? []).map((body, index) => ({
    address: { platform: event.platform, chatId: event.chat.chatId },
    body,
    viewer: viewerOf(event),
    reply: index === 0 && event.kind === 'message' ? event.reply : undefined,
  }))

/**
 * Marks a claimed event processed, only while the claim is still ours (fencing: an owner that lost its lease and
 * had its work taken over must not record it a second time): the unit is rolled back otherwise.
 */
async function markProcessed(unit: CoreDeps, id: number) {
  const done = await unit.db.inboundEvent.updateMany({
    where: { id, status: 'processing', claimedBy: unit.incarnation.id },
    data: { status: 'processed', processedAt: unit.clock.now(), lastError: null, claimedBy: null },
  })
  if (done.count === 0) throw new UnitAborted('the claim on this event was taken over')
}

async function recordFailure(deps: CoreDeps, row: InboundRow, error: unknown) {
  const dead = row.attempts >= MAX_PROCESS_ATTEMPTS
  deps.log.error('event processing failed', {
    platform: row.platform,
    eventId: row.eventId,
    attempts: row.attempts,
    dead,
    error,
  })
  await retryWhenBusy(
    () =>
      deps.db.inboundEvent.updateMany({
        where: { id: row.id, status: 'processing', claimedBy: deps.incarnation.id },
        data: {
          status: dead ? 'dead' : 'failed',
          claimedBy: null,
          lastError: String((error as Error)?.message ?? error).slice(0, 500),
          nextAttemptAt: new Date(deps.clock.now().getTime() + backoffMs(row.attempts)),
        },
      }),
    { deadlineMs: 30_000 },
  )
}

/**
 * Runs a claimed event's handler as one unit of work: its effects, its replies in the outbox and the event marked
 * processed commit together. A crash before the commit leaves no trace but the claim, which dies with its owner.
 */
async function processClaimed(deps: CoreDeps, row: InboundRow): Promise<HandlerResult | null> {
  let event: InboundEvent | undefined
  try {
    const result = await runUnit(
      deps,
      async (unit) => {
        event = inboundEventSchema.parse(JSON.parse(row.payload))
        const handled = await handle(unit, event)
        await enqueueMessages(unit.db, repliesOf(event, handled))
        await markProcessed(unit, row.id)
        unit.outbox.kick(event.platform)
        return handled
      },
      { what: 'inbound event', deadlineMs: PROCESS_DEADLINE_MS },
    )
    deps.log.info('event processed', { platform: row.platform, eventId: row.eventId, intent: result.intent })
    return result
  } catch (error) {
    if (error instanceof UnitAborted) {
      deps.log.warn('event left to the owner that took it over', { platform: row.platform, eventId: row.eventId })
      return null
    }
    await recordFailure(deps, row, error)
    return null
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export interface PendingOptions {
  /** Events claimed together. */
  batch?: number
  /** After a batch that was not full, wait this long so the next one gathers more events (0: do not wait). */
  gatherMs?: number
}

/**
 * Processes every stored event that is still waiting, oldest first: a batch is claimed in one write, then each
 * event is handled and recorded as its own unit of work. Claims make this safe beside another instance.
 */
export async function processPendingEvents(deps: CoreDeps, options: PendingOptions = {}): Promise<number> {
  const batch = options.batch ?? 100
  let done = 0
  for (;;) {
    await deps.incarnation.touch()
    const waiting = await deps.db.inboundEvent.findMany({
      where: { status: 'received' },
      orderBy: { id: 'asc' },
      select: { id: true },
      take: batch,
    })
    if (!waiting.length) return done
    const claimed = await retryWhenBusy(
      () =>
        deps.db.inboundEvent.updateManyAndReturn({
          where: { id: { in: waiting.map((row) => row.id) }, status: 'received' },
          data: { status: 'processing', claimedBy: deps.incarnation.id, attempts: { increment: 1 } },
        }),
      { deadlineMs: PROCESS_DEADLINE_MS },
    )
    for (const row of claimed.sort((a, b) => a.id - b.id)) if (await processClaimed(deps, row)) done++
    if (waiting.length < batch && options.gatherMs) await sleep(options.gatherMs)
  }
}

/**
 * A reply may wait this long for others to be claimed with it. A person does not notice 10 ms; under a burst it
 * turns a claim per event into one per few events.
 */
const GATHER_MS = 10
/** After the loop itself failed (a database that stayed busy), look again this soon. */
const LOOP_RETRY_MS = 1000

/**
 * Processing driven by the database rather than a queue in memory (the background thread's): `signal()` says
 * "new events are stored", and one loop works through whatever is waiting, including events stored while no
 * thread ran. However far a burst gets ahead of processing, memory stays flat and no event waits for the sweep.
 */
export function pendingEventsLoop(deps: CoreDeps) {
  let running: Promise<void> | undefined
  let more = false
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  const signal = () => {
    more = true
    running ??= (async () => {
      while (more) {
        more = false
        await processPendingEvents(deps, { gatherMs: GATHER_MS })
      }
    })()
      .catch((error) => {
        deps.log.error('processing stored events failed; trying again shortly', { error })
        clearTimeout(retryTimer)
        retryTimer = setTimeout(signal, LOOP_RETRY_MS)
        ;(retryTimer as { unref?: () => void }).unref?.()
      })
      .finally(() => {
        running = undefined
        if (more) signal() // a signal that came while the loop was finishing
      })
  }
  return { signal, idle: async () => void (await running) }
}

/**
 * The safety net behind the claims and the loop (a scheduled job): takes back claims whose owner is gone, and
 * processes events whose retry time has come, or that waited a minute without anyone being told about them.
 */
export async function retryFailedEvents(deps: CoreDeps): Promise<number> {
  // Events taken back are processed after the failed ones, below.
  const taken = await takeOverStranded(deps, { process: () => {} })
  const now = deps.clock.now()
  const rows = await deps.db.inboundEvent.findMany({
    where: {
      OR: [
        { status: 'failed', nextAttemptAt: { lte: now } },
        { status: 'received', receivedAt: { lt: new Date(now.getTime() - 60_000) } },
      ],
    },
    take: 50,
  })
  for (const row of rows) await processInboundEvent(deps, row.id)
  if (taken.events) await processPendingEvents(deps)
  return rows.length + taken.events
}

const toast = (type: 'info' | 'warning' | 'error', text: string): CardActionResponse => ({ toast: { type, text } })

/** Checks the click against the card it came from, runs the handler and saves the card's next version. */
async function cardAction(
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
