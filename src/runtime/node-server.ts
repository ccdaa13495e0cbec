// The whole bot on Node as one object: migrations applied, dependencies built, app served, scheduler and
// long-connection clients started. `npm start` (node.ts) runs it; benchmarks run the very same thing.
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from '../app.ts'
import type { AppConfig } from '../config/env.ts'
import { deployMigrations } from '../db/migrate.ts'
import { openNodeDb } from '../db/node-db.ts'
import { type Clock, systemClock } from '../deps.ts'
import { loadKnowledgeService } from '../features/knowledge/node.ts'
import { startNodeScheduler } from '../jobs/node-scheduler.ts'
import { JOBS } from '../jobs/registry.ts'
import { createLogger, type Logger } from '../log.ts'
import { createConsolePort } from '../platforms/console/port.ts'
import { addPort, backgroundRunner, buildCore, trafficGauge } from './core.ts'
import { createPlatforms } from './platforms.ts'

export interface NodeServerOptions {
  log?: Logger
  clock?: Clock
  /** Run the job registry (off for benchmarks that measure one path). */
  scheduler?: boolean
}

export async function startNodeServer(config: AppConfig, options: NodeServerOptions = {}) {
  const log = options.log ?? createLogger({ level: config.env.LOG_LEVEL })
  const migrations = await deployMigrations(config.env.DATABASE_URL)
  log.info('database ready', { provider: migrations.provider, applied: migrations.applied })
  const db = await openNodeDb(config.env.DATABASE_URL)
  const traffic = trafficGauge()
  const runner = backgroundRunner(log, { busy: traffic.busy })
  const knowledge = await loadKnowledgeService(config.env.KNOWLEDGE_DIR, { watch: true, log })
  log.info('knowledge loaded', { entries: knowledge.service.entries.length })
  const clock = options.clock ?? systemClock
  const deps = buildCore({ config, db, log, clock, defer: runner.defer, knowledge: knowledge.service })
  const simulatorOn = config.env.SIMULATOR === 'on'
  const consolePort = createConsolePort()
  if (simulatorOn) addPort(deps, consolePort)
  const platforms = createPlatforms(deps)
  const app = createApp(deps, { platforms, simulator: simulatorOn ? consolePort.inbox : undefined, traffic })

  const server = serve({ fetch: app.fetch, port: config.env.PORT, hostname: config.env.HOST })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const { port } = server.address() as AddressInfo
  const url = `http://${config.env.HOST === '0.0.0.0' ? '127.0.0.1' : config.env.HOST}:${port}`
  log.info('listening', { url, platforms: Object.keys(deps.ports) })
  const scheduler = options.scheduler === false ? undefined : startNodeScheduler(deps, JOBS)
  for (const platform of platforms) await platform.start?.()
  deps.outbox.kick() // whatever a previous run left pending

  return {
    url,
    deps,
    simulatorOn,
    /** Waits until background processing has settled. */
    idle: runner.idle,
    async close() {
      scheduler?.stop()
      knowledge.stop()
      await Promise.allSettled(platforms.map((p) => p.stop?.()))
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await runner.idle()
      await db.$disconnect()
    },
  }
}
