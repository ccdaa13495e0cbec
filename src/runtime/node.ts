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

/** Why start-up failed, in one line an operator can act on (no stack trace for an ordinary cause). */
function startFailure(error: unknown): string {
  const e = error as NodeJS.ErrnoException & { address?: string; port?: number }
  if (e?.code === 'EADDRINUSE')
    return `端口 ${e.port ?? config.env.PORT} 已被占用 / port in use (is the bot already running? set PORT)`
  if (e?.code === 'ECONNREFUSED' || e?.code === 'ENOTFOUND')
    return `无法连接数据库 / cannot reach the database (${e.address ?? ''}${e.port ? `:${e.port}` : ''}): check DATABASE_URL`
  return (e as Error)?.message ?? String(error)
}

const config = loadConfig()
const log = createLogger({ level: config.env.LOG_LEVEL })
const bot = await startNodeServer(config, { log }).catch((error) => {
  console.error(`启动失败 / start-up failed: ${startFailure(error)}`)
  process.exit(1)
})
if (bot.simulatorOn) console.log(`本地模拟器 / local simulator: ${bot.url}/simulator`)

async function shutdown(signal: string) {
  log.info('shutting down', { signal })
  await bot.close()
  process.exit(0)
}
process.once('SIGINT', () => void shutdown('SIGINT'))
process.once('SIGTERM', () => void shutdown('SIGTERM'))
