// The bot in this process, on the local database, talking through the console platform: used by `npm run chat`,
// `npm run ask` and `npm run db:seed`. Logs go to data/cli.log so they don't clutter the conversation.
import { appendFileSync, mkdirSync } from 'node:fs'
import { createIncarnation } from '../bot/incarnation.ts'
import { parseEnv } from '../config/env.ts'
import { deployMigrations } from '../db/migrate.ts'
import { openNodeDb } from '../db/node-db.ts'
import { type Clock, systemClock } from '../deps.ts'
import { FEATURES } from '../features/index.ts'
import { loadKnowledgeService } from '../features/knowledge/node.ts'
import { createLogger } from '../log.ts'
import { createConsolePlatform } from '../platforms/console/index.ts'
import { addPlatform, backgroundRunner, buildCore } from '../runtime/core.ts'
import { loadEnvFile } from '../runtime/env-file.ts'
import { hostProcess } from '../runtime/host-process.ts'
import { resvgPng } from '../runtime/png.ts'

export async function openLocalCore(clock: Clock = systemClock) {
  let config: ReturnType<typeof parseEnv>
  loadEnvFile()
  try {
    config = parseEnv(process.env)
  } catch (error) {
    console.error(`配置错误 / configuration error: ${(error as Error).message}`)
    process.exit(1)
  }
  mkdirSync('data', { recursive: true })
  const log = createLogger({
    level: config.env.LOG_LEVEL,
    write: (line) => appendFileSync('data/cli.log', `${line}\n`),
  })
  await deployMigrations(config.env.DATABASE_URL)
  const db = await openNodeDb(config.env.DATABASE_URL)
  const runner = backgroundRunner(log)
  const { service: knowledge } = await loadKnowledgeService(config.env.KNOWLEDGE_DIR)
  const incarnation = createIncarnation(db, 'cli', log, hostProcess())
  const deps = buildCore({
    config,
    db,
    log,
    clock,
    defer: runner.defer,
    knowledge,
    features: FEATURES,
    png: resvgPng,
    incarnation,
  })
  // The console platform without its web routes: this process is the terminal.
  const terminal = createConsolePlatform(deps, { simulator: false })
  addPlatform(deps, terminal)
  return {
    deps,
    inbox: terminal.inbox,
    async close() {
      await runner.idle()
      await incarnation.stop().catch(() => {})
      await db.$disconnect()
    },
  }
}
