// The whole bot on Node as one object: migrations applied, dependencies built, app served, scheduler and
// long-connection clients started. `npm start` (node.ts) runs it; benchmarks run the very same thing.
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from '../app.ts'
import { createInboundStore } from '../bot/inbound-store.ts'
import { createIncarnation, takeOverStranded } from '../bot/incarnation.ts'
import { processPendingEvents } from '../bot/pipeline.ts'
import type { AppConfig } from '../config/env.ts'
import { deployMigrations } from '../db/migrate.ts'
import { LOCK_WAIT_MS, openNodeDb } from '../db/node-db.ts'
import { providerOf } from '../db/provider.ts'
import { type Clock, systemClock } from '../deps.ts'
import { FEATURES } from '../features/index.ts'
import { loadKnowledgeService } from '../features/knowledge/node.ts'
import { startNodeScheduler } from '../jobs/node-scheduler.ts'
import { jobsOf } from '../jobs/registry.ts'
import { createLogger, type Logger } from '../log.ts'
import { type BackgroundThread, startBackgroundThread } from './background-host.ts'
import { backgroundRunner, buildCore, trafficGauge } from './core.ts'
import { hostProcess } from './host-process.ts'
import { createPlatforms } from './platforms.ts'
import { resvgPng } from './png.ts'

export interface NodeServerOptions {
  log?: Logger
  clock?: Clock
  /** Run the job registry (off for benchmarks that measure one path). */
  scheduler?: boolean
}

/**
 * SQLite: inbound events get a connection of their own. It never waits inside SQLite for another connection's
 * write lock (that would stall every request; the store retries asynchronously instead), and an event is never
 * written inside a transaction another task has open on the shared connection (the adapter runs queries outside
 * a transaction on the same connection), where a rollback would lose an event already acknowledged.
 */
async function openInbox(url: string) {
  if (providerOf(url) !== 'sqlite') return undefined
  const db = await openNodeDb(url, { walCheckpoints: false, busyTimeoutMs: 0 })
  return { db, store: createInboundStore(db, { provider: 'sqlite' }) }
}

export async function startNodeServer(config: AppConfig, options: NodeServerOptions = {}) {
  const log = options.log ?? createLogger({ level: config.env.LOG_LEVEL })
  const migrations = await deployMigrations(config.env.DATABASE_URL)
  log.info('database ready', { provider: migrations.provider, applied: migrations.applied })
  const threaded = config.env.PROCESSING === 'thread'
  // With a background thread writing steadily, its connection checkpoints the WAL and acknowledgements never do.
  // This thread answers clicks within the platform's deadline: a short wait for the lock, then async retries.
  const db = await openNodeDb(config.env.DATABASE_URL, { walCheckpoints: !threaded, busyTimeoutMs: LOCK_WAIT_MS })
  const inbox = await openInbox(config.env.DATABASE_URL)
  const traffic = trafficGauge()
  const runner = backgroundRunner(log, { busy: traffic.busy })
  const knowledge = await loadKnowledgeService(config.env.KNOWLEDGE_DIR, { watch: true, log })
  log.info('knowledge loaded', { entries: knowledge.service.entries.length })
  const clock = options.clock ?? systemClock
  // Clicks are claimed here in both modes; inline, everything else too.
  const incarnation = createIncarnation(db, threaded ? 'main' : 'inline', log, hostProcess())
  const deps = buildCore({
    incarnation,
    config,
    db,
    log,
    clock,
    defer: runner.defer,
    knowledge: knowledge.service,
    features: FEATURES,
    png: resvgPng,
    inbox: inbox?.store,
  })
  const simulatorOn = config.env.SIMULATOR === 'on'
  const platforms = createPlatforms(deps, { console: simulatorOn })
  const scheduled = options.scheduler !== false
  // PROCESSING=thread: this thread verifies, stores and acknowledges; processing, delivery and jobs run there.
  const background: BackgroundThread | undefined = threaded
    ? await startBackgroundThread(config, { log, scheduler: scheduled })
    : undefined
  if (background) {
    deps.processLater = background.submit
    deps.outbox = { kick: background.kick, drain: background.drain }
  }
  const app = createApp(deps, {
    platforms,
    traffic,
    background: background?.state,
    features: FEATURES,
  })

  const server = serve({ fetch: app.fetch, port: config.env.PORT, hostname: config.env.HOST })
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve())
    server.once('error', async (error) => {
      // A taken port: stop what was started (the thread, the platforms' connections) and say why.
      await background?.stop().catch(() => {})
      reject(error)
    })
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${config.env.HOST === '0.0.0.0' ? '127.0.0.1' : config.env.HOST}:${port}`
  log.info('listening', { url, platforms: Object.keys(deps.ports), processing: config.env.PROCESSING })
  const scheduler = scheduled && !background ? startNodeScheduler(deps, jobsOf(FEATURES)) : undefined
  for (const platform of platforms) await platform.start?.()
  // Inline, this thread takes back what a previous run left claimed and processes what it left waiting (a background
  // thread does both itself).
  const processWaiting = () => deps.defer(() => processPendingEvents(deps))
  if (!background) await takeOverStranded(deps, { process: processWaiting })
  incarnation.keepAlive(() => (background ? incarnation.touch() : takeOverStranded(deps, { process: processWaiting })))
  if (!background) {
    processWaiting()
    deps.outbox.kick()
  }
  // A digest missed while the bot was down goes out now, once (src/jobs/catch-up.ts).
  if (scheduler) deps.defer(() => scheduler.catchUp())

  return {
    url,
    deps,
    simulatorOn,
    /** Waits until background processing has settled (this thread's, then the background thread's). */
    async idle() {
      await runner.idle()
      await background?.idle()
    },
    async close() {
      scheduler?.stop()
      knowledge.stop()
      await Promise.allSettled(platforms.map((p) => p.stop?.()))
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await runner.idle()
      await background?.stop()
      await incarnation.stop().catch((error) => log.warn('lease not ended', { error }))
      await inbox?.db.$disconnect()
      await db.$disconnect()
    },
  }
}
