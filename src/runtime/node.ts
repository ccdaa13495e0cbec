// Node entry (`npm start`): read the environment, then run the bot (src/runtime/node-server.ts) until SIGINT/SIGTERM.
// With no configuration it runs on the embedded SQLite with the local simulator.
import { type AppConfig, parseEnv } from '../config/env.ts'
import { createLogger } from '../log.ts'
import { loadEnvFile } from './env-file.ts'
import { startNodeServer } from './node-server.ts'

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
const bot = await startNodeServer(config, { log })
if (bot.simulatorOn) console.log(`本地模拟器 / local simulator: ${bot.url}/simulator`)

async function shutdown(signal: string) {
  log.info('shutting down', { signal })
  await bot.close()
  process.exit(0)
}
process.once('SIGINT', () => void shutdown('SIGINT'))
process.once('SIGTERM', () => void shutdown('SIGTERM'))
