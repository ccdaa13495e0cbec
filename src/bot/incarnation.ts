// Who holds a claim. Every process or background thread that claims work (an inbound event to process, an outbox
// row to send) is an incarnation: a row with a random id and a lease it renews while it lives. A claim names its
// incarnation; a claim whose incarnation has no live lease is stranded and taken back at once — by a restarted
// process within moments of its start (its predecessor's row is gone or recognisably dead), by any other instance
// once the lease has lapsed. Leases run on the wall clock, never on a test's movable business clock.
import { retryWhenBusy } from '../db/busy.ts'
import type { Db } from '../db/client.ts'
import type { CoreDeps } from '../deps.ts'
import type { Logger } from '../log.ts'

export const LEASE_MS = 15_000
/** Renewed three times per lease: a busy moment or two cannot make a live owner look dead. */
export const RENEW_EVERY_MS = 5_000

export interface Incarnation {
  readonly id: string
  /** Registers the incarnation, or renews its lease when due. Call before claiming anything. */
  touch(): Promise<void>
  /** Renews on a timer until `stop()` (Node); `onTick` runs after each renewal (e.g. a look for stranded work). */
  keepAlive(onTick?: () => Promise<unknown>): void
  /** Ends the lease: whatever it still claims is stranded from now on. */
  stop(): Promise<void>
}

/** The operating-system process an incarnation lives in (Node; a Worker isolate has none to check). */
export interface HostProcess {
  host: string
  pid: number
  /** When the process started: a pid reused by a later process must not look alive. */
  startedAt: number
  alive(pid: number): boolean
}

export interface IncarnationHandle extends Incarnation {
  readonly process?: HostProcess
}

export function createIncarnation(db: Db, role: string, log: Logger, host?: HostProcess): IncarnationHandle {
  const id = `${role}:${crypto.randomUUID()}`
  let renewAfter = 0
  let timer: ReturnType<typeof setInterval> | undefined
  let stopped = false
  const touch = async () => {
    const now = Date.now()
    if (stopped || now < renewAfter) return
    renewAfter = now + RENEW_EVERY_MS
    const leaseUntil = new Date(now + LEASE_MS)
    await retryWhenBusy(
      () =>
        db.incarnation.upsert({
          where: { id },
          create: { id, host: host?.host ?? 'isolate', pid: host?.pid ?? 0, role, leaseUntil },
          update: { leaseUntil },
        }),
      { deadlineMs: 2000 },
    )
  }
  return {
    id,
    process: host,
    touch,
    keepAlive(onTick) {
      clearInterval(timer)
      timer = setInterval(() => {
        renewAfter = 0
        touch()
          .then(() => onTick?.())
          .catch((error) => log.warn('lease renewal failed; will try again', { incarnation: id, error }))
      }, RENEW_EVERY_MS)
      ;(timer as { unref?: () => void }).unref?.()
    },
    async stop() {
      stopped = true
      clearInterval(timer)
      await retryWhenBusy(() => db.incarnation.deleteMany({ where: { id } }), { deadlineMs: 2000 })
    },
  }
}

/** Ends the leases of incarnations on this host whose process is gone (a kill -9, a crash): no need to wait. */
async function endDeadNeighbours(db: Db, self: IncarnationHandle) {
  const host = self.process
  if (!host) return 0
  const rows = await db.incarnation.findMany({ where: { host: host.host, id: { not: self.id } } })
  const dead = rows.filter(
    (row) => !host.alive(row.pid) || (row.pid === host.pid && row.startedAt.getTime() < host.startedAt - 1000),
  )
  if (dead.length) await db.incarnation.deleteMany({ where: { id: { in: dead.map((row) => row.id) } } })
  return dead.length
}

export interface TakenBack {
  events: number
  messages: number
}

/**
 * Gives stranded claims back to everyone: inbound events `processing` and outbox rows `sending` whose claiming
 * incarnation has no live lease become `received` / `pending` again. Also ends the leases of dead processes on
 * this host first, so a restart takes its predecessor's work back without waiting for the lease to lapse.
 */
export async function takeBackStranded(db: Db, self: IncarnationHandle): Promise<TakenBack> {
  await endDeadNeighbours(db, self)
  const live = await db.incarnation.findMany({ where: { leaseUntil: { gt: new Date() } }, select: { id: true } })
  const liveIds = [...live.map((row) => row.id), self.id]
  const stranded = { OR: [{ claimedBy: null }, { claimedBy: { notIn: liveIds } }] }
  const events = await db.inboundEvent.updateMany({
    where: { status: 'processing', ...stranded },
    data: { status: 'received', claimedBy: null },
  })
  const messages = await db.outbox.updateMany({
    where: { status: 'sending', ...stranded },
    data: { status: 'pending', claimedBy: null, claimedAt: null },
  })
  return { events: events.count, messages: messages.count }
}

/**
 * Takes back claims whose owner is gone and sets the work moving: at start-up, at every lease renewal (so a claim of
 * a dead instance waits at most its lease) and in the minute job. `process` runs when events were taken back.
 */
export async function takeOverStranded(deps: CoreDeps, work: { process: () => unknown }): Promise<TakenBack> {
  await deps.incarnation.touch()
  const taken = await takeBackStranded(deps.db, deps.incarnation)
  if (taken.events || taken.messages) deps.log.warn('stranded claims taken back', { ...taken })
  if (taken.events) await work.process()
  if (taken.messages) deps.outbox.kick()
  return taken
}
