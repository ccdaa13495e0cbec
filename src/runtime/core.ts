// Assembles CoreDeps from what a runtime entry provides. Shared by Node, Workers, the CLI and the tests.
import { type Capabilities, minimalCapabilities } from '../bot/capabilities.ts'
import type { Feature } from '../bot/feature.ts'
import { buildHandlerRegistry } from '../bot/handlers.ts'
import { createImageService, type PngRenderer } from '../bot/images.ts'
import { createInboundStore, type InboundStore } from '../bot/inbound-store.ts'
import { createIncarnation, type IncarnationHandle } from '../bot/incarnation.ts'
import { processInboundEvent } from '../bot/pipeline.ts'
import type { AppConfig } from '../config/env.ts'
import type { Db } from '../db/client.ts'
import { providerOf } from '../db/provider.ts'
import type { Clock, CoreDeps } from '../deps.ts'
import type { KnowledgeService } from '../features/knowledge/service.ts'
import type { Logger } from '../log.ts'
import { createOutboxDispatcher } from '../outbox/dispatcher.ts'
import type { PlatformPort } from '../outbox/port.ts'
import type { PlatformModule } from '../platforms/platform.ts'

export interface CoreParts {
  config: AppConfig
  db: Db
  log: Logger
  clock: Clock
  defer?: CoreDeps['defer']
  ports?: CoreDeps['ports']
  /** Capabilities of platforms given as bare ports (tests); modules declare theirs through addPlatform. */
  capabilities?: Record<string, Capabilities>
  knowledge: KnowledgeService
  /** The features the bot is made of (src/features/index.ts): its handlers are built from them. */
  features: readonly Feature[]
  /** SVG → PNG for the features' images; only Node entries pass one (src/runtime/png.ts), never the Worker. */
  png?: PngRenderer
  /** Defaults to a store on `db`; Node with PROCESSING=thread gives it a connection of its own. */
  inbox?: InboundStore
  /** Who claims work here; by default an incarnation without a host process (registered at its first claim). */
  incarnation?: IncarnationHandle
}

export interface BackgroundOptions {
  concurrency?: number
  maxQueued?: number
  /** True while HTTP requests are in flight (see trafficGauge): new tasks wait for a gap. */
  busy?: () => boolean
  maxWaitMs?: number
}

/**
 * Counts requests in flight, so background work can give way to acknowledgements. "Busy" lasts a moment past the
 * last response too: under a burst the gaps between requests are too short to start a whole task in.
 */
export function trafficGauge(quietMs = 3) {
  let inFlight = 0
  let lastDone = 0
  return {
    busy: () => inFlight > 0 || performance.now() - lastDone < quietMs,
    async track<T>(work: () => Promise<T>): Promise<T> {
      inFlight++
      try {
        return await work()
      } finally {
        inFlight--
        lastDone = performance.now()
      }
    },
  }
}
export type TrafficGauge = ReturnType<typeof trafficGauge>

/**
 * In-process background work (Node): a queue with bounded concurrency that yields to pending I/O before each task,
 * so a burst of webhook deliveries is acknowledged first and processed right after. Failures are logged; `idle()`
 * lets tests and shutdown wait. Past `maxQueued` a task is dropped with a warning: everything deferred is also
 * picked up by the scheduled sweeps (stored events by inbound-retry, messages by outbox-sweep), so nothing is lost.
 */
export function backgroundRunner(log: Logger, options: BackgroundOptions = {}) {
  const concurrency = options.concurrency ?? 4
  const busy = options.busy ?? (() => false)
  const maxQueued = options.maxQueued ?? 10_000
  // A task waits for a quiet moment at most this long: under sustained load work still moves, one task at a time.
  const maxWaitMs = options.maxWaitMs ?? 1000
  const queue: { task: () => Promise<unknown>; at: number }[] = []
  let active = 0
  const settled: (() => void)[] = []

  let waiting = false
  const pump = () => {
    // While requests are being answered, start nothing new: acknowledgements come first (tasks under way go on).
    const overdue = queue.length > 0 && active === 0 && performance.now() - queue[0]!.at > maxWaitMs
    if (busy() && queue.length && !overdue) {
      if (!waiting) {
        waiting = true
        setTimeout(() => {
          waiting = false
          pump()
        }, 1)
      }
      return
    }
    while (active < (overdue ? 1 : concurrency) && queue.length) {
      const { task } = queue.shift()!
      active++
      setImmediate(() => {
        Promise.resolve()
          .then(task)
          .catch((error) => log.error('background task failed', { error }))
          .finally(() => {
            active--
            pump()
            if (!active && !queue.length) for (const resolve of settled.splice(0)) resolve()
          })
      })
    }
  }
  const defer = (task: () => Promise<unknown>) => {
    if (queue.length >= maxQueued) {
      log.warn('background queue full, task left to the scheduled sweep', { queued: queue.length })
      return
    }
    queue.push({ task, at: performance.now() })
    pump()
  }
  const idle = () =>
    active || queue.length ? new Promise<void>((resolve) => settled.push(resolve)) : Promise.resolve()
  return { defer, idle }
}

/**
 * The capabilities each core's lookup answers from, keyed by the lookup itself (it travels with every copy of the
 * deps, e.g. a unit of work's): features only read capabilities, platforms are turned on here.
 */
const declarations = new WeakMap<CoreDeps['capabilities'], Map<string, Capabilities>>()

export function buildCore(parts: CoreParts): CoreDeps {
  const declared = new Map(Object.entries(parts.capabilities ?? {}))
  const capabilities = (platform: string) => declared.get(platform) ?? minimalCapabilities(platform)
  declarations.set(capabilities, declared)
  const deps = {
    capabilities,
    config: parts.config,
    db: parts.db,
    log: parts.log,
    clock: parts.clock,
    ports: parts.ports ?? {},
    knowledge: parts.knowledge,
    inbox: parts.inbox ?? createInboundStore(parts.db, { provider: providerOf(parts.config.env.DATABASE_URL) }),
    handlers: buildHandlerRegistry(parts.features),
    images: createImageService(
      parts.features.flatMap((f) => f.images ?? []),
      parts.png,
    ),
    incarnation: parts.incarnation ?? createIncarnation(parts.db, 'core', parts.log),
    defer: parts.defer ?? backgroundRunner(parts.log).defer,
    // Reads deps.defer when called: Workers bind it per request.
    processLater: (id: number) => deps.defer(() => processInboundEvent(deps, id)),
  } as CoreDeps
  deps.outbox = createOutboxDispatcher(deps)
  return deps
}

export function addPort(deps: CoreDeps, port: PlatformPort) {
  deps.ports[port.platform] = port
}

/** Turns a platform on for the core: its outgoing port and what it can do. */
export function addPlatform(deps: CoreDeps, platform: Pick<PlatformModule, 'port' | 'capabilities'>) {
  addPort(deps, platform.port)
  declarations.get(deps.capabilities)?.set(platform.port.platform, platform.capabilities)
}
