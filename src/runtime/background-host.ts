// The main thread's side of the background thread (PROCESSING=thread, src/runtime/background-thread.ts): starts
// it, hands it event ids and outbox kicks, forwards its log lines, and starts a new one if it dies. Nothing is lost
// while it is down: events are stored before they are acknowledged and a new thread processes the waiting ones
// first; outbox rows wait in the database.
import { Worker } from 'node:worker_threads'
import type { AppConfig } from '../config/env.ts'
import type { LogFields, Logger } from '../log.ts'
import type { BackgroundThreadData, FromBackground, ToBackground } from './background-messages.ts'

const RESTART_AFTER_MS = 1000
const RESTART_AT_MOST_EVERY_MS = 60_000
const STOP_WITHIN_MS = 10_000

export interface BackgroundThread {
  /** Process this stored event there. */
  submit(eventId: number): void
  /** Deliver the outbox soon. */
  kick(platform?: string): void
  /** Deliver everything due now; resolves with the number of rows sent. */
  drain(): Promise<number>
  /** Resolves when the thread's queued work has settled. */
  idle(): Promise<void>
  state(): 'running' | 'restarting'
  stop(): Promise<void>
}

const fromSources = import.meta.url.endsWith('.ts')
const entry = new URL(`./background-thread${fromSources ? '.ts' : '.js'}`, import.meta.url)

/**
 * Running from TypeScript sources (tsx, vitest), a worker does not get the loader hooks of its parent, and
 * `--import tsx` in its execArgv comes too late for the entry module on Node 20: the thread registers tsx itself,
 * then imports the entry.
 */
function newWorker(module: URL, data: BackgroundThreadData): Worker {
  if (!module.pathname.endsWith('.ts')) return new Worker(module, { workerData: data })
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(module.href)}) })`
  return new Worker(boot, { eval: true, workerData: data })
}

export interface BackgroundThreadOptions {
  log: Logger
  scheduler: boolean
  /** The thread's module (tests give a stand-in that speaks the same messages). */
  entry?: URL
}

export async function startBackgroundThread(
  config: AppConfig,
  options: BackgroundThreadOptions,
): Promise<BackgroundThread> {
  const log = options.log.child({ thread: 'background' })
  const data: BackgroundThreadData = { config, scheduler: options.scheduler }
  const calls = new Map<number, (value: number) => void>()
  let seq = 0
  let stopping = false
  let running = false
  /** A thread exists (starting, running or stopping); false once it has exited. */
  let alive = false
  let worker: Worker
  /** The running thread's incarnation: a replacement takes back what it had claimed. */
  let incarnation: string | undefined

  const forwardLog = (message: FromBackground & { type: 'log' }) => {
    const { msg, level: _level, time: _time, ...fields } = JSON.parse(message.line) as LogFields & { msg: string }
    log[message.level](msg, fields)
  }

  const spawn = () =>
    new Promise<void>((resolve, reject) => {
      let ready = false
      let failure: Error | undefined
      worker = newWorker(options.entry ?? entry, { ...data, previousIncarnation: incarnation })
      alive = true
      worker.on('message', (message: FromBackground) => {
        if (message.type === 'ready') {
          incarnation = message.incarnation
          ready = true
          running = true
          resolve()
        } else if (message.type === 'log') forwardLog(message)
        else if (message.type === 'result') {
          calls.get(message.seq)?.(message.value)
          calls.delete(message.seq)
        }
      })
      worker.on('error', (error) => {
        failure = error
        log.error('background thread failed', { error })
      })
      worker.on('exit', (code) => {
        running = false
        alive = false
        for (const settle of calls.values()) settle(0)
        calls.clear()
        if (!ready) {
          const reason = failure ? `: ${failure.message}` : ''
          return reject(new Error(`background thread exited during start-up (code ${code})${reason}`))
        }
        if (stopping) return
        log.error('background thread exited; starting a new one', { code, restartInMs: RESTART_AFTER_MS })
        restart(RESTART_AFTER_MS)
      })
    })

  /** Tries again, less and less often, until a thread runs: acknowledgements go on meanwhile, nothing is lost. */
  const restart = (delayMs: number) => {
    setTimeout(() => {
      if (stopping) return
      spawn().catch((error) => {
        const next = Math.min(delayMs * 2, RESTART_AT_MOST_EVERY_MS)
        log.error('background thread did not restart', { error, retryInMs: next })
        restart(next)
      })
    }, delayMs)
  }

  const send = (message: ToBackground) => worker.postMessage(message)
  const call = (name: 'drain' | 'idle') =>
    new Promise<number>((resolve) => {
      const id = ++seq
      calls.set(id, resolve)
      send({ type: 'call', seq: id, call: name })
    })

  await spawn()
  return {
    submit: (id) => send({ type: 'event', id }),
    kick: (platform) => send({ type: 'kick', platform }),
    drain: () => call('drain'),
    idle: () => call('idle').then(() => undefined),
    state: () => (running ? 'running' : 'restarting'),
    async stop() {
      stopping = true
      if (!alive) return
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
      send({ type: 'stop' })
      const timer = setTimeout(() => void worker.terminate(), STOP_WITHIN_MS)
      await exited
      clearTimeout(timer)
    },
  }
}
