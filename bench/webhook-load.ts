// Shared by the webhook benchmarks: pre-built requests go to bench/load-generator.ts in a child process (so load
// generation never shares the measured server's event loop), plus the bare-Hono baseline every run includes.
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import type { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { parseEnv } from '../src/config/env.ts'
import { createLogger } from '../src/log.ts'
import { startNodeServer } from '../src/runtime/node-server.ts'

export const DURATION_S = 10
export const RATE = 500

export interface Load {
  rps: number
  total: number
  p50Ms: number
  p90Ms: number
  p99Ms: number
  maxMs: number
  non2xx: number
  errors: number
  generator: string
  bodiesReused: boolean
}
export interface SignedRequest {
  body: string
  headers: Record<string, string>
}

const workdir = mkdtempSync(join(tmpdir(), 'webhook-bench-'))
let runs = 0

/** How many requests a run needs: exactly enough at a fixed rate; flat out, enough for this machine's best. */
export const requestsFor = (rate?: number) => (rate ? rate * DURATION_S + 1000 : 60_000)

/**
 * One run of DURATION_S seconds: at `rate` an open-loop generator (latency from each request's scheduled time, so
 * queueing shows), flat out autocannon with 50 connections.
 */
export async function load(url: string, path: string, requests: SignedRequest[], rate?: number): Promise<Load> {
  const file = join(workdir, `load-${++runs}.json`)
  writeFileSync(
    file,
    JSON.stringify({ url, path, durationS: DURATION_S, connections: rate ? 100 : 50, rate, requests }),
  )
  const script = fileURLToPath(new URL('./load-generator.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', script, file], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (chunk) => {
    out += chunk
  })
  await new Promise<void>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`load generator exited ${code}`)))),
  )
  return JSON.parse(out.trim().split('\n').at(-1)!) as Load
}

export async function listen(server: ReturnType<typeof createServer> | ReturnType<typeof serve>) {
  if (!server.listening) await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

/** The floor: a Hono endpoint on @hono/node-server that answers 200 and does nothing else. */
export function bareHono() {
  const app = new Hono()
  app.post('/ok', (c) => c.json({}))
  return listen(serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }))
}

export const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null)

/** The bot as `npm start` runs it in production, on a SQLite file of its own, with one platform's variables. */
export function productionServer(platformEnv: Record<string, string>, processing: 'thread' | 'inline') {
  const config = parseEnv({
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    PROCESSING: processing,
    DATABASE_URL: `file:${join(mkdtempSync(join(tmpdir(), 'qsbot-bench-')), 'bench.db')}`,
    ...platformEnv,
  })
  // The job registry is off: the measured path is the webhook, not the minute sweeps.
  return startNodeServer(config, { scheduler: false, log: createLogger({ level: 'error', write: () => {} }) })
}
export type BenchServer = Awaited<ReturnType<typeof productionServer>>

export const processedCount = (server: BenchServer) =>
  server.deps.db.inboundEvent.count({ where: { status: 'processed' } })

/**
 * A run against one of our servers, with the events it processed per second meanwhile (does processing keep up?).
 * Then waits for processing to finish, so the next run starts with none left over.
 */
export async function fullRun(server: BenchServer, path: string, requests: SignedRequest[], rate?: number) {
  const before = await processedCount(server)
  const started = performance.now()
  const result = await load(server.url, path, requests, rate)
  const seconds = (performance.now() - started) / 1000
  const processedPerSecond = Math.round(((await processedCount(server)) - before) / seconds)
  await server.idle()
  return { ...result, processedPerSecond }
}

export const REPEATS = 3

/** How every webhook bench measures, for the note in its results file. */
export const METHOD = `At 500/s ours and oursInline run ${REPEATS} times: the run with the median p99 is shown, runsP99Ms lists all. At 500/s an open-loop generator (latency from the earlier of the scheduled and the real send time, so the generator's own lag counts against the server; maxGeneratorLagMs), flat out autocannon with 50 connections; the generator runs in a child process, the fake platform in this one.`

/** Runs each server once at 200/s and waits for its processing: JIT, token fetch and SQLite pages warm. */
export async function warmUp(
  servers: BenchServer[],
  path: string,
  requests: () => Promise<SignedRequest[]> | SignedRequest[],
) {
  for (const server of servers) {
    await load(server.url, path, await requests(), 200)
    await server.idle()
  }
}

/**
 * The headline scenario runs REPEATS times: one 10-second p99 on a shared 2-core machine is noisy. Returns the run
 * with the median p99, and every run's numbers beside it (reported, never dropped).
 */
export async function repeated<T extends Load>(run: () => Promise<T>): Promise<T & { runsP99Ms: number[] }> {
  const runs: T[] = []
  for (let i = 0; i < REPEATS; i++) runs.push(await run())
  const byP99 = [...runs].sort((a, b) => a.p99Ms - b.p99Ms)
  return { ...byP99[Math.floor(byP99.length / 2)]!, runsP99Ms: runs.map((r) => r.p99Ms) }
}
