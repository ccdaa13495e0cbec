// Node entry: parse the environment, apply pending migrations, build the dependencies, serve the app, start the
// scheduler and any long-connection clients. `npm start` runs this with the embedded SQLite and no credentials.
import { serve } from '@hono/node-server'
import { createApp } from '../app.ts'
import { type AppConfig, parseEnv } from '../config/env.ts'
import { deployMigrations } from '../db/migrate.ts'
import { openNodeDb } from '../db/node-db.ts'
import { systemClock } from '../deps.ts'
import { startNodeScheduler } from '../jobs/node-scheduler.ts'
import { JOBS } from '../jobs/registry.ts'
import { createLogger } from '../log.ts'
import { createConsolePort } from '../platforms/console/port.ts'
import { addPort, backgroundRunner, buildCore, trafficGauge } from './core.ts'
import { loadEnvFile } from './env-file.ts'
import { loadNodeKnowledge } from './knowledge.ts'
import { createPlatforms } from './platforms.ts'

function loadConfig(): AppConfig {
  loadEnvFile()
  try {
    return parseEnv(process.env)
  } catch (error) {
    console.error(`配置错误 / configuration error: ${(error as Error).message}`)
    process.exit(1)
  }
}

const config = loadConfig()
const log = createLogger({ level: config.env.LOG_LEVEL })
const migrations = await deployMigrations(config.env.DATABASE_URL)
log.info('database ready', { provider: migrations.provider, applied: migrations.applied })
const db = await openNodeDb(config.env.DATABASE_URL)
const traffic = trafficGauge()
const runner = backgroundRunner(log, { busy: traffic.busy })
const knowledge = await loadNodeKnowledge(config.env.KNOWLEDGE_DIR, log, { watch: true })
const deps = buildCore({ config, db, log, clock: systemClock, defer: runner.defer, knowledge: knowledge.service })
const simulatorOn = config.env.SIMULATOR === 'on'
const consolePort = createConsolePort()
if (simulatorOn) addPort(deps, consolePort)
const platforms = createPlatforms(deps)
const app = createApp(deps, { platforms, simulator: simulatorOn ? consolePort.inbox : undefined, traffic })

const server = serve({ fetch: app.fetch, port: config.env.PORT, hostname: config.env.HOST }, (info) => {
  log.info('listening', { url: `http://${config.env.HOST}:${info.port}`, platforms: Object.keys(deps.ports) })
  if (simulatorOn) console.log(`本地模拟器 / local simulator: http://127.0.0.1:${info.port}/simulator`)
})
const scheduler = startNodeScheduler(deps, JOBS)
for (const platform of platforms) await platform.start?.()
deps.outbox.kick() // whatever a previous run left pending

async function shutdown(signal: string) {
  log.info('shutting down', { signal })
  scheduler.stop()
  knowledge.stop()
  await Promise.allSettled(platforms.map((p) => p.stop?.()))
  server.close()
  await runner.idle()
  await db.$disconnect()
  process.exit(0)
}
process.once('SIGINT', () => void shutdown('SIGINT'))
process.once('SIGTERM', () => void shutdown('SIGTERM'))
