// The real server on an ephemeral port: the same createApp, pipeline and outbox as production, on a fresh database,
// with the platforms the test configures (pointed at fake platform servers on 127.0.0.1). withServer() starts it
// around every test (or once for the file) and closes it afterwards.
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { createApp } from '../../src/app.ts'
import type { Feature } from '../../src/bot/feature.ts'
import type { PngRenderer } from '../../src/bot/images.ts'
import { type AppConfig, parseEnv } from '../../src/config/env.ts'
import type { Clock, CoreDeps } from '../../src/deps.ts'
import { FEATURES } from '../../src/features/index.ts'
import type { KnowledgeService } from '../../src/features/knowledge/service.ts'
import { createLogger, type Logger } from '../../src/log.ts'
import type { ConsolePlatform } from '../../src/platforms/console/index.ts'
import type { PlatformModule } from '../../src/platforms/platform.ts'
import { addPlatform, backgroundRunner, buildCore } from '../../src/runtime/core.ts'
import { createPlatforms } from '../../src/runtime/platforms.ts'
import { resvgPng } from '../../src/runtime/png.ts'
import { openSharedDb, openTestDb } from './db.ts'
import { testKnowledge } from './knowledge.ts'

export interface TestServerOptions {
  /** Environment variables, as the runtime would read them (e.g. FEISHU_APP_ID, FEISHU_BASE_URL of a fake). */
  env?: Record<string, string>
  database?: 'sqlite' | 'postgresql'
  /** Another server's database (its `config.env.DATABASE_URL`): a second instance on the same data. */
  databaseUrl?: string
  clock?: Clock
  /** Collect log lines instead of printing them. */
  logs?: string[]
  /** Defaults to the test knowledge base. */
  knowledge?: KnowledgeService
  /** Defaults to the bot's own features (src/features/index.ts). */
  features?: readonly Feature[]
  /**
   * Builds one platform here: instead of the runtime's one of the same name (to pass adapter options such as
   * watchdog timings), or besides them (a platform the runtime does not know, e.g. a test's own).
   */
  platform?: (deps: CoreDeps) => PlatformModule
  /** The console platform and its /simulator routes (default on). */
  simulator?: boolean
  /** The PNG renderer, as the Node runtime's by default; null: none, as on Workers. */
  png?: PngRenderer | null
}

export interface TestServer {
  url: string
  deps: CoreDeps
  config: AppConfig
  /** Waits until background work (event processing, outbox drains) has settled. */
  idle(): Promise<void>
  close(): Promise<void>
  /** The console platform (its inbox shows what was delivered to console users); absent with `simulator: false`. */
  console: ConsolePlatform
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const {
    db,
    url,
    close: closeDb,
  } = options.databaseUrl ? await openSharedDb(options.databaseUrl) : await openTestDb(options.database)
  // The configuration names the database the server is given (the inbound store's SQL depends on its dialect).
  const config = parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'warn', ...options.env, DATABASE_URL: url })
  const logs = options.logs
  const log: Logger = createLogger({
    level: logs ? 'debug' : 'error',
    write: logs ? (line) => logs.push(line) : undefined,
  })
  const runner = backgroundRunner(log)
  const knowledge = options.knowledge ?? (await testKnowledge())
  const deps = buildCore({
    config,
    db,
    log,
    clock: options.clock ?? { now: () => new Date() },
    defer: runner.defer,
    knowledge,
    features: options.features ?? FEATURES,
    png: options.png === null ? undefined : (options.png ?? resvgPng),
  })
  const platforms = createPlatforms(deps, { console: options.simulator !== false })
  if (options.platform) {
    const own = options.platform(deps)
    const same = platforms.findIndex((p) => p.platform === own.platform)
    if (same >= 0) platforms.splice(same, 1, own)
    else platforms.push(own)
    addPlatform(deps, own)
  }
  const app = createApp(deps, { platforms, features: options.features ?? FEATURES })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const { port } = server.address() as AddressInfo
  for (const platform of platforms) await platform.start?.()
  return {
    url: `http://127.0.0.1:${port}`,
    deps,
    config,
    console: platforms.find((p): p is ConsolePlatform => p.platform === 'console' && 'inbox' in p)!,
    idle: runner.idle,
    async close() {
      await Promise.allSettled(platforms.map((p) => p.stop?.()))
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await runner.idle()
      await closeDb()
    },
  }
}

/** Polls until `check` returns a truthy value (background work is asynchronous by design). */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs
  while (true) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

export interface WithServerOptions extends TestServerOptions {
  /** Start once for the whole file (beforeAll) instead of afresh for every test. */
  once?: boolean
}

/**
 * The server, started before every test (or once for the file, with `once`) and closed afterwards; its fields are
 * on the handle while a test runs.
 */
export function withServer(options: WithServerOptions = {}): TestServer {
  const { once, ...serverOptions } = options
  return aroundTests(
    once,
    () => startTestServer(serverOptions),
    (server) => server.close(),
  )
}

/**
 * A fake platform and the server on it, started before every test (or once for the file, with `once`) by `start`
 * and both closed afterwards; what `start` returned is on the handle while a test runs (withFeishu, withDingtalk).
 */
export function withFakeAndServer<T extends { fake: { close(): Promise<void> }; server: { close(): Promise<void> } }>(
  once: boolean | undefined,
  start: () => Promise<T>,
): T {
  return aroundTests(once, start, async (setUp) => {
    await setUp.server.close()
    await setUp.fake.close()
  })
}

/**
 * Runs `start` before every test (or once for the file) and `stop` afterwards, unless the start failed. The handle
 * is filled in place, so a file can take it at load time and read the fields inside its tests.
 */
function aroundTests<T extends object>(
  once: boolean | undefined,
  start: () => Promise<T>,
  stop: (setUp: T) => Promise<void>,
): T {
  const setUp = {} as T
  let started = false
  const [before, after] = once ? [beforeAll, afterAll] : [beforeEach, afterEach]
  before(async () => {
    started = false
    Object.assign(setUp, await start())
    started = true
  })
  after(async () => {
    if (started) await stop(setUp)
  })
  return setUp
}
