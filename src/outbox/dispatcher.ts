// Delivers outbox rows through the platform ports: per-target and per-app rate limits, retries with back-off on
// 429/5xx (honouring the platform's retry-after), dead after a bound. A row is claimed before it is sent, so two
// instances never send it twice; a claim older than the lease (a crashed sender) is taken over.
import type { CoreDeps } from '../deps.ts'
import { type OutboxPayload, outboxPayloadSchema } from './outbox.repo.ts'
import type { DeliveryResult, PlatformPort } from './port.ts'
import { RateLimiter } from './rate-limit.ts'

export const MAX_ATTEMPTS = 8
const LEASE_MS = 60_000
const BATCH = 50
const WAKE_UP_WITHIN_MS = 60_000

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
      await deps.db.outbox.update({
        where: { id: row.id },
        data: { status: 'dead', lastError: error, claimedAt: null },
      })
      deps.log.error('outbox row dead', { outboxId: row.id, error })
      return false
    }
    const result = await send(port, row.id, payload.data)
    return record(row, payload.data, result)
  }

  async function send(port: PlatformPort, id: number, payload: OutboxPayload): Promise<DeliveryResult> {
    let card: { id: string; update: boolean; platformMessageId?: string } | undefined = payload.card
    if (card?.update) {
      const sent = await deps.db.sentCard.findUnique({ where: { id: card.id } })
      // DingTalk addresses cards by our id (outTrackId); Feishu needs the message id of the first send.
      card = { ...card, platformMessageId: sent?.platformMessageId ?? undefined }
    }
    try {
      return await port.deliver({ id, address: payload.address, body: payload.body, reply: payload.reply, card })
    } catch (error) {
      return { ok: false, retryable: true, error: (error as Error).message }
    }
  }

  async function record(row: { id: number; attempts: number }, payload: OutboxPayload, result: DeliveryResult) {
    const now = deps.clock.now()
    if (result.ok) {
      await deps.db.outbox.update({
        where: { id: row.id },
        data: { status: 'sent', sentAt: now, claimedAt: null, resultRef: result.platformMessageId ?? null },
      })
      if (payload.card && !payload.card.update && result.platformMessageId) {
        await deps.db.sentCard.update({
          where: { id: payload.card.id },
          data: { platformMessageId: result.platformMessageId },
        })
      }
      return true
    }
    const attempts = row.attempts + 1
    const dead = !result.retryable || attempts >= MAX_ATTEMPTS
    const delay = Math.max(result.retryAfterMs ?? 0, backoffMs(attempts))
    await deps.db.outbox.update({
      where: { id: row.id },
      data: {
        status: dead ? 'dead' : 'pending',
        attempts,
        lastError: result.error.slice(0, 500),
        claimedAt: null,
        nextAttemptAt: new Date(now.getTime() + delay),
      },
    })
    const log = dead ? deps.log.error : deps.log.warn
    log(dead ? 'outbox row dead' : 'outbox delivery failed, will retry', {
      outboxId: row.id,
      attempts,
      error: result.error,
      retryInMs: dead ? undefined : delay,
    })
    return false
  }

  async function drainOnce(): Promise<number> {
    const now = deps.clock.now()
    // One read per platform that may send now (a platform at its app-wide limit is not even read), each a walk of
    // an index that stops after BATCH rows, however long the backlog; plus claims left by a crashed sender.
    // Rows of a platform that is not configured wait until it is.
    const open = Object.keys(deps.ports).filter((platform) => (heldUntil.get(platform) ?? 0) <= now.getTime())
    const reads = open.map((platform) =>
      deps.db.outbox.findMany({
        where: { status: 'pending', platform, nextAttemptAt: { lte: now } },
        orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
        take: BATCH,
      }),
    )
    reads.push(
      deps.db.outbox.findMany({
        where: { status: 'sending', claimedAt: { lt: new Date(now.getTime() - LEASE_MS) } },
        orderBy: { id: 'asc' },
        take: BATCH,
      }),
    )
    const due = (await Promise.all(reads)).flat()
    let sent = 0
    const blocked = new Set<string>() // keep per-target order: once one is held back, later ones wait too
    for (const row of due) {
      const target = `${row.platform}:${row.target}`
      if (blocked.has(target) || (heldUntil.get(row.platform) ?? 0) > now.getTime()) continue
      // Rate limits are checked before anything is written: a held-back row stays as it is (no write per row per
      // drain), and the dispatcher wakes up when the limit allows the next one.
      const wait = rateLimitWait(row, now.getTime())
      if (wait > 0) {
        blocked.add(target)
        wakeAt = Math.min(wakeAt, now.getTime() + wait)
        continue
      }
      const claim = await deps.db.outbox.updateMany({
        where: { id: row.id, status: row.status, claimedAt: row.claimedAt },
        data: { status: 'sending', claimedAt: now },
      })
      if (claim.count === 0) continue
      if (await deliverRow(row)) sent++
      else blocked.add(target)
    }
    return sent
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

  // Wake up for the next retry that is due soon, rather than waiting for the minute sweep (outbox-sweep job).
  let wakeTimer: ReturnType<typeof setTimeout> | undefined
  async function scheduleWakeUp() {
    const now = deps.clock.now().getTime()
    const next = await deps.db.outbox.findFirst({
      where: { status: 'pending', nextAttemptAt: { gt: new Date(now) } },
      orderBy: { nextAttemptAt: 'asc' },
      select: { nextAttemptAt: true },
    })
    const at = Math.min(wakeAt, next?.nextAttemptAt.getTime() ?? Number.POSITIVE_INFINITY)
    wakeAt = Number.POSITIVE_INFINITY
    if (!Number.isFinite(at)) return
    const delay = Math.max(0, at - now)
    if (delay > WAKE_UP_WITHIN_MS) return
    clearTimeout(wakeTimer)
    wakeTimer = setTimeout(
      () => void drain().catch((error) => deps.log.error('outbox drain failed', { error })),
      delay + 10,
    )
    ;(wakeTimer as { unref?: () => void }).unref?.()
  }

  async function drain(): Promise<number> {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      let total = 0
      try {
        do {
          again = false
          total += await drainOnce()
        } while (again)
        await scheduleWakeUp()
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
