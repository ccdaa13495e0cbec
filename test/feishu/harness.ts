// The real server (createApp, pipeline, outbox, SQLite file) with Feishu on, pointed at the fake Feishu.
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from '../../src/app.ts'
import { parseEnv } from '../../src/config/env.ts'
import type { CoreDeps } from '../../src/deps.ts'
import { createLogger } from '../../src/log.ts'
import { createFeishuPlatform } from '../../src/platforms/feishu/index.ts'
import { addPort, backgroundRunner, buildCore } from '../../src/runtime/core.ts'
import { createPlatforms } from '../../src/runtime/platforms.ts'
import { FAKE_ENCRYPT_KEY, FAKE_VERIFICATION_TOKEN } from '../fakes/feishu/events.ts'
import { FAKE_APP_ID, FAKE_APP_SECRET, type FakeFeishu } from '../fakes/feishu/server.ts'
import { openTestDb } from '../helpers/db.ts'
import { testKnowledge } from '../helpers/knowledge.ts'

export interface FeishuTestServer {
  url: string
  deps: CoreDeps
  clock: { now(): Date; advance(ms: number): void }
  idle(): Promise<void>
  close(): Promise<void>
}

/** A clock that starts at the real now (signatures carry real timestamps) and can be moved forward. */
export function movableNow() {
  let offset = 0
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      offset += ms
    },
  }
}

export async function startFeishuServer(
  fake: FakeFeishu,
  env: Record<string, string> = {},
  options: { wsSilenceMs?: number; logs?: string[] } = {},
): Promise<FeishuTestServer> {
  const config = parseEnv({
    NODE_ENV: 'test',
    FEISHU_APP_ID: FAKE_APP_ID,
    FEISHU_APP_SECRET: FAKE_APP_SECRET,
    FEISHU_VERIFICATION_TOKEN: FAKE_VERIFICATION_TOKEN,
    FEISHU_ENCRYPT_KEY: FAKE_ENCRYPT_KEY,
    FEISHU_BASE_URL: fake.url,
    ...env,
  })
  const logs = options.logs
  const log = createLogger({ level: logs ? 'debug' : 'error', write: logs ? (line) => logs.push(line) : () => {} })
  const { db, close: closeDb } = await openTestDb()
  const runner = backgroundRunner(log)
  const clock = movableNow()
  const deps = buildCore({ config, db, log, clock, defer: runner.defer, knowledge: await testKnowledge() })
  // The runtime's list, with Feishu built here so tests can pass adapter options (watchdog timing).
  const platforms = createPlatforms(deps).filter((p) => p.platform !== 'feishu')
  const feishu = createFeishuPlatform(deps, { wsSilenceMs: options.wsSilenceMs })
  addPort(deps, feishu.port)
  platforms.push(feishu)
  const app = createApp(deps, { platforms })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  for (const platform of platforms) await platform.start?.()
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    deps,
    clock,
    idle: runner.idle,
    async close() {
      await Promise.allSettled(platforms.map((p) => p.stop?.()))
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await runner.idle()
      await closeDb()
    },
  }
}
