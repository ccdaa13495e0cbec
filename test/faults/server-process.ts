// The production server as an operator runs it (`tsx src/runtime/node.ts`, NODE_ENV=production), in a process group
// of its own so that `kill9()` takes down tsx and the node process it starts, exactly like `kill -9` of the service.
// Its log lines go to a file; the "listening" line tells when it answers.
import { type ChildProcess, spawn } from 'node:child_process'
import { createWriteStream, readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
/**
 * The checkout whose server is tested: this one, or FAULTS_SERVER_DIR (e.g. an export of another commit with
 * node_modules linked and `npm run generate` run, to measure the same scenarios against older code).
 */
export const SERVER_DIR = (process.env.FAULTS_SERVER_DIR ?? REPO_ROOT).replace(/\/?$/, '/')

/** Process groups still alive: killed if the test process exits first, so no server outlives a run. */
const live = new Set<number>()
process.once('exit', () => {
  for (const pgid of live) killGroup(pgid, 'SIGKILL')
})

function killGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal)
    return true
  } catch {
    return false // already gone
  }
}

const groupAlive = (pgid: number) => killGroup(pgid, 0 as unknown as NodeJS.Signals)

/**
 * Whether a process of the group is still running. A killed process stays a zombie until it is reaped (here its
 * parent was tsx, so by init, which can take a second); a zombie holds no port and no database connection.
 */
function groupRunning(pgid: number): boolean {
  if (!groupAlive(pgid)) return false
  let pids: string[]
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name))
  } catch {
    return true // no /proc: all we know is that the group exists
  }
  return pids.some((pid) => {
    try {
      const [state, , group] = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)!.split(' ')
      return Number(group) === pgid && state !== 'Z' && state !== 'X'
    } catch {
      return false // gone meanwhile
    }
  })
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A free TCP port on 127.0.0.1: every incarnation of the server listens on it, as a deployed one would. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

export interface ServerProcess {
  /** When the process was spawned (ms since the epoch). */
  spawnedAt: number
  /** Resolves with the time the server logged "listening"; rejects if it exits first. */
  listening: Promise<number>
  /** The time it logged "listening", once it has. */
  listeningAt(): number | undefined
  /** `kill -9` of the whole process group; resolves once every process of it is gone. */
  kill9(): Promise<number>
  /** SIGTERM (a clean stop), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>
}

export interface SpawnOptions {
  env: Record<string, string>
  /** Where its stdout and stderr go. */
  logFile: string
}

export function spawnServer(options: SpawnOptions): ServerProcess {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(FEISHU_|DINGTALK_|LLM_|SIMULATOR$|PROCESSING$)/.test(name)) env[name] = value
  }
  // Empty (set, so a ./.env cannot fill them in): no LLM, no card template; the answers are the knowledge base's.
  Object.assign(env, { LLM_BASE_URL: '', LLM_MODEL: '', LLM_API_KEY: '', DINGTALK_CARD_TEMPLATE_ID: '' })
  Object.assign(env, { NODE_ENV: 'production', HOST: '127.0.0.1', LOG_LEVEL: 'info' }, options.env)
  const log = createWriteStream(options.logFile, { flags: 'a' })
  const spawnedAt = Date.now()
  const child: ChildProcess = spawn(`${SERVER_DIR}node_modules/.bin/tsx`, ['src/runtime/node.ts'], {
    cwd: SERVER_DIR,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const pgid = child.pid!
  live.add(pgid)
  let listeningAt: number | undefined
  let buffered = ''
  const listening = new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      log.write(chunk)
      if (listeningAt !== undefined) return
      buffered += chunk.toString('utf8')
      if (buffered.includes('"msg":"listening"')) {
        listeningAt = Date.now()
        buffered = ''
        resolve(listeningAt)
      } else buffered = buffered.slice(-4096)
    })
    child.once('exit', (code, signal) => reject(new Error(`server exited before listening (${code ?? signal})`)))
  })
  listening.catch(() => {}) // a kill before start-up is the test's doing; whoever awaits it sees the error
  child.stderr!.on('data', (chunk: Buffer) => log.write(chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  exited.then(() => log.end())

  async function gone() {
    await exited
    // tsx's own node process is in the same group: wait until it has died too (the port is free then).
    for (let waited = 0; groupRunning(pgid) && waited < 5000; waited += 10) await sleep(10)
    live.delete(pgid)
  }

  return {
    spawnedAt,
    listening,
    listeningAt: () => listeningAt,
    async kill9() {
      const at = Date.now()
      killGroup(pgid, 'SIGKILL')
      await gone()
      return at
    },
    async stop(graceMs = 10_000) {
      if (!groupAlive(pgid)) return void (await gone())
      killGroup(pgid, 'SIGTERM')
      const timer = setTimeout(() => killGroup(pgid, 'SIGKILL'), graceMs)
      await gone()
      clearTimeout(timer)
    },
  }
}
