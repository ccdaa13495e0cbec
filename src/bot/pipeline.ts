// Verify → acknowledge → process. Adapters call `acceptEvent` once a request is verified and decoded: the event is
// stored (a retried delivery with the same id is acknowledged and dropped) and processed after the response.
// Each event is handled as one unit of work (src/bot/unit-of-work.ts) under a claim that dies with its owner
// (src/bot/incarnation.ts). Processing failures are retried by the bot itself, never lost. Card clicks answered
// at once take their own path (card-action.ts).
import { retryWhenBusy } from '../db/busy.ts'
import type { CoreDeps } from '../deps.ts'
import { backoffMs } from '../outbox/dispatcher.ts'
import { type EnqueueInput, enqueueMessages } from '../outbox/outbox.repo.ts'
import { cardAction } from './card-action.ts'
import { dispatchMessage } from './dispatcher.ts'
import type { HandlerResult } from './handler.ts'
import { takeOverStranded } from './incarnation.ts'
import { markProcessed, viewerOf } from './processed.ts'
import { type InboundEvent, inboundEventSchema } from './types.ts'
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

const repliesOf = (event: InboundEvent, result: HandlerResult): EnqueueInput[] =>
  (result.replies ?? []).map((body, index) => ({
    address: { platform: event.platform, chatId: event.chat.chatId },
    body,
    viewer: viewerOf(event),
    reply: index === 0 && event.kind === 'message' ? event.reply : undefined,
  }))

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
