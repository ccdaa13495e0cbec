// Delivers outbox rows through the platform ports: per-target and per-app rate limits, retries with back-off on
// 429/5xx (honouring the platform's retry-after), dead after a bound. A row is claimed before it is sent, so two
// instances never send it twice; the claim names this incarnation and dies with it (src/bot/incarnation.ts).
// Rows go out in the order they were queued; one waiting for its retry time is passed over until then. A drain
// keeps going while rows are due and then sleeps exactly until the next one may go: no sweep is needed to move on.

import { cardModelSchema } from '../cards/model.ts'
import { retryWhenBusy } from '../db/busy.ts'
import type { CoreDeps } from '../deps.ts'
import { type OutboxPayload, outboxPayloadSchema } from './outbox.repo.ts'
import type { DeliveryResult, PlatformPort } from './port.ts'
import { RateLimiter } from './rate-limit.ts'
import { sendImage } from './send-image.ts'

export const MAX_ATTEMPTS = 8
const BATCH = 50
/** A timer longer than this is set again when it fires (timers drift; the database may have changed). */
const WAKE_UP_WITHIN_MS = 60_000
/** After a drain failed (a database that stayed busy), try again this soon. */
const RETRY_FAILED_DRAIN_MS = 1000
/** How long a delivery's record waits out a busy database: the message went out, its record must follow. */
const RECORD_DEADLINE_MS = 30_000

/** Exponential back-off with jitter: 2 s, 4 s, 8 s … capped at 10 minutes. */
export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(600_000, 2000 * 2 ** (attempt - 1))
  return Math.round(base * (0.8 + random() * 0.4))
}

export interface OutboxDispatcher {
  /** Sends everything that is due now; resolves with the number of rows sent. */
  drain(): Promise<number>
  /**
   * Asks for a drain soon (coalesced), e.g. right after a request enqueued something. Naming the platform lets a
   * kick for one that is at its app-wide limit do nothing: the wake-up at the end of the hold sends its rows.
   */
  kick(platform?: string): void
}

export function createOutboxDispatcher(deps: CoreDeps): OutboxDispatcher {
  const limiter = new RateLimiter()
  /** Platforms at their app-wide limit, until when. */
  const heldUntil = new Map<string, number>()
  /** The earliest moment a held-back row may go (set by a drain). */
  let wakeAt = Number.POSITIVE_INFINITY
  let running: Promise<number> | null = null
  let again = false

  async function deliverRow(row: { id: number; platform: string; target: string; attempts: number; payload: string }) {
    const port: PlatformPort | undefined = deps.ports[row.platform as keyof CoreDeps['ports']]
    const payload = outboxPayloadSchema.safeParse(JSON.parse(row.payload))
    if (!port || !payload.success) {
      const error = port ? `bad payload: ${payload.error?.message}` : `platform ${row.platform} is not configured`
      await retryWhenBusy(
        () =>
          deps.db.outbox.update({
            where: { id: row.id },
            data: { status: 'dead', lastError: error, claimedAt: null, claimedBy: null },
          }),
        { deadlineMs: RECORD_DEADLINE_MS },
      )
      deps.log.error('outbox row dead', { outboxId: row.id, error })
      return false
    }
    const result = await send(port, row.id, payload.data)
    return record(row, payload.data, result)
  }

  /** Whether the first send of a card is still waiting (a retry after a refusal, a backlog). */
  async function firstSendWaiting(cardId: string): Promise<boolean> {
    const first = await deps.db.outbox.findFirst({
      where: {
        status: { in: ['pending', 'sending'] },
        targetKind: { not: 'card_update' },
        payload: { contains: cardId },
      },
      select: { id: true },
    })
    return first !== null
  }

  async function send(port: PlatformPort, id: number, payload: OutboxPayload): Promise<DeliveryResult> {
    if (payload.body.kind === 'image') return sendImage(deps, port, id, payload.address, payload.body.image)
    let body = payload.body
    let card: { id: string; update: boolean; platformMessageId?: string } | undefined = payload.card
    if (card) {
      const sent = await deps.db.sentCard.findUnique({ where: { id: card.id } })
      // A card goes out as it is now: a copy sent late (after a refusal and a retry) shows a decision taken since.
      const current = sent ? cardModelSchema.safeParse(JSON.parse(sent.model)) : undefined
      if (current?.success && body.kind !== 'text') body = { kind: 'card', card: current.data }
      if (card.update) {
        // An update of a copy not sent yet is folded into that send, which shows the current state anyway; it
        // would fail without the copy's message id and must not die.
        if (await firstSendWaiting(card.id)) {
          deps.log.info('card update folded into its first send', { outboxId: id, cardId: card.id })
          return { ok: true }
        }
        // DingTalk addresses cards by our id (outTrackId); Feishu needs the message id of the first send.
        card = { ...card, platformMessageId: sent?.platformMessageId ?? undefined }
      }
    }
    // A bulk row names its card; without the card there is nothing to send, now or later.
    if (body.kind === 'sent_card') return { ok: false, retryable: false, error: 'the card this row names is gone' }
    try {
      return await port.deliver({ id, address: payload.address, body, reply: payload.reply, card })
    } catch (error) {
      return { ok: false, retryable: true, error: (error as Error).message }
    }
  }

  async function record(row: { id: number; attempts: number }, payload: OutboxPayload, result: DeliveryResult) {
    const now = deps.clock.now()
    if (result.ok) {
      await retryWhenBusy(
        () =>
          deps.db.$transaction(async (tx) => {
            await tx.outbox.update({
              where: { id: row.id },
              data: {
                status: 'sent',
                sentAt: now,
                claimedAt: null,
                claimedBy: null,
                resultRef: result.platformMessageId ?? null,
              },
            })
            if (payload.card && !payload.card.update && result.platformMessageId) {
              await tx.sentCard.update({
                where: { id: payload.card.id },
                data: { platformMessageId: result.platformMessageId },
              })
            }
          }),
        { deadlineMs: RECORD_DEADLINE_MS },
      )
      return true
    }
    const attempts = row.attempts + 1
    const dead = !result.retryable || attempts >= MAX_ATTEMPTS
    const delay = Math.max(result.retryAfterMs ?? 0, backoffMs(attempts))
    await retryWhenBusy(
      () =>
        deps.db.outbox.update({
          where: { id: row.id },
          data: {
            status: dead ? 'dead' : 'pending',
            attempts,
            lastError: result.error.slice(0, 500),
            claimedAt: null,
            claimedBy: null,
            nextAttemptAt: new Date(now.getTime() + delay),
          },
        }),
      { deadlineMs: RECORD_DEADLINE_MS },
    )
    const log = dead ? deps.log.error : deps.log.warn
    log(dead ? 'outbox row dead' : 'outbox delivery failed, will retry', {
      outboxId: row.id,
      attempts,
      error: result.error,
      retryInMs: dead ? undefined : delay,
    })
    return false
  }

  /** One pass: sends what may go now. `more` says a platform had a full batch due and something went out. */
  async function drainOnce(): Promise<{ sent: number; more: boolean }> {
    await deps.incarnation.touch()
    const started = deps.clock.now()
    // One read per platform that may send now (a platform at its app-wide limit is not even read), each a walk of
    // an index in queue order that stops after BATCH due rows, however long the backlog. Rows of a platform that
    // is not configured wait until it is.
    const open = Object.keys(deps.ports).filter((platform) => (heldUntil.get(platform) ?? 0) <= started.getTime())
    // A platform still held wakes the dispatcher when its hold ends, whatever else woke it now (a retry's time).
    for (const until of heldUntil.values()) if (until > started.getTime()) wakeAt = Math.min(wakeAt, until)
    const reads = await Promise.all(
      open.map((platform) =>
        deps.db.outbox.findMany({
          where: { status: 'pending', platform, nextAttemptAt: { lte: started } },
          orderBy: { id: 'asc' },
          take: BATCH,
        }),
      ),
    )
    let sent = 0
    const blocked = new Set<string>() // keep per-target order: once one is held back, later ones wait too
    // Keep queue order across targets too: once a platform hits its app-wide limit in this pass, its later rows wait
    // for the next pass even if the hold (perhaps a millisecond) has ended by the time the loop reaches them.
    const heldThisPass = new Set<string>()
    for (const row of reads.flat()) {
      const now = deps.clock.now().getTime()
      const target = `${row.platform}:${row.target}`
      if (blocked.has(target) || heldThisPass.has(row.platform) || (heldUntil.get(row.platform) ?? 0) > now) continue
      // Rate limits are checked before anything is written: a held-back row stays as it is (no write per row per
      // drain), and the dispatcher wakes up when the limit allows the next one.
      const wait = rateLimitWait(row, now)
      if ((heldUntil.get(row.platform) ?? 0) > now) heldThisPass.add(row.platform)
      if (wait > 0) {
        blocked.add(target)
        wakeAt = Math.min(wakeAt, now + wait)
        continue
      }
      const claim = await retryWhenBusy(
        () =>
          deps.db.outbox.updateMany({
            where: { id: row.id, status: 'pending' },
            data: { status: 'sending', claimedAt: new Date(now), claimedBy: deps.incarnation.id },
          }),
        { deadlineMs: RECORD_DEADLINE_MS },
      )
      if (claim.count === 0) continue
      if (await deliverRow(row)) sent++
      else blocked.add(target)
    }
    return { sent, more: sent > 0 && reads.some((rows) => rows.length === BATCH) }
  }

  /** Waits for the app-wide limit hold the whole platform (recorded, so its rows are not even read until then). */
  function rateLimitWait(row: { platform: string; target: string }, now: number): number {
    const port = deps.ports[row.platform as keyof CoreDeps['ports']]
    if (!port) return 0 // deliverRow marks it dead
    const { perTargetPerSecond, perTargetPerMinute, perAppPerSecond } = port.limits
    const app = { key: `${row.platform}:app`, limit: perAppPerSecond, windowMs: 1000 }
    const appWait = limiter.peek(app.key, app.limit, app.windowMs, now)
    if (appWait > 0) {
      heldUntil.set(row.platform, now + appWait)
      return appWait
    }
    const rules = [app, { key: `${row.platform}:${row.target}:s`, limit: perTargetPerSecond, windowMs: 1000 }]
    if (perTargetPerMinute)
      rules.push({ key: `${row.platform}:${row.target}:m`, limit: perTargetPerMinute, windowMs: 60_000 })
    return limiter.takeAll(rules, now)
  }

  // Wake up when the next row may go (a retry's time, a rate limit's window), rather than waiting for a sweep.
  let wakeTimer: ReturnType<typeof setTimeout> | undefined
  function wakeUpIn(delay: number) {
    clearTimeout(wakeTimer)
    wakeTimer = setTimeout(
      () => void drain().catch((error) => deps.log.error('outbox drain failed', { error })),
      Math.min(Math.max(0, delay), WAKE_UP_WITHIN_MS) + 10,
    )
    ;(wakeTimer as { unref?: () => void }).unref?.()
  }

  async function scheduleWakeUp() {
    const now = deps.clock.now().getTime()
    const next = await deps.db.outbox.findFirst({
      where: { status: 'pending', platform: { in: Object.keys(deps.ports) }, nextAttemptAt: { gt: new Date(now) } },
      orderBy: { nextAttemptAt: 'asc' },
      select: { nextAttemptAt: true },
    })
    const at = Math.min(wakeAt, next?.nextAttemptAt.getTime() ?? Number.POSITIVE_INFINITY)
    wakeAt = Number.POSITIVE_INFINITY
    if (Number.isFinite(at)) wakeUpIn(at - now)
  }

  async function drain(): Promise<number> {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      let total = 0
      try {
        for (;;) {
          again = false
          const pass = await drainOnce()
          total += pass.sent
          if (!again && !pass.more) break
        }
        await scheduleWakeUp()
      } catch (error) {
        // A database that stayed busy: the rows wait in the database; look again shortly.
        wakeUpIn(RETRY_FAILED_DRAIN_MS)
        throw error
      } finally {
        running = null
      }
      return total
    })()
    return running
  }

  return {
    drain,
    kick(platform) {
      const held = platform !== undefined && (heldUntil.get(platform) ?? 0) > deps.clock.now().getTime()
      if (!held) deps.defer(() => drain())
    },
  }
}
