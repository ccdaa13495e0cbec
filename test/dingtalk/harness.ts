// The real server (createApp, pipeline, outbox, SQLite file) with DingTalk on, pointed at the fake DingTalk.
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from '../../src/app.ts'
import { parseEnv } from '../../src/config/env.ts'
import type { CoreDeps } from '../../src/deps.ts'
import { createKnowledgeService } from '../../src/features/knowledge/service.ts'
import { createLogger } from '../../src/log.ts'
import { createDingtalkPlatform } from '../../src/platforms/dingtalk/index.ts'
import { addPort, backgroundRunner, buildCore } from '../../src/runtime/core.ts'
import { createPlatforms } from '../../src/runtime/platforms.ts'
import type { FakeDingtalk } from '../fakes/dingtalk/server.ts'
import { openTestDb } from '../helpers/db.ts'

export interface DingtalkTestServer {
  url: string
  deps: CoreDeps
  idle(): Promise<void>
  close(): Promise<void>
}

export async function startDingtalkServer(
  fake: FakeDingtalk,
  env: Record<string, string> = {},
  stream?: { idleMs?: number; pingEveryMs?: number; reconnectMinMs?: number },
): Promise<DingtalkTestServer> {
  const config = parseEnv({
    NODE_ENV: 'test',
    DINGTALK_CLIENT_ID: fake.clientId,
    DINGTALK_CLIENT_SECRET: fake.clientSecret,
    DINGTALK_ROBOT_CODE: 'dingrobot001',
    DINGTALK_API_BASE_URL: fake.url,
    ...env,
  })
  const log = createLogger({ level: 'error', write: () => {} })
  const { db, close: closeDb } = await openTestDb()
  const runner = backgroundRunner(log)
  // An empty knowledge base: adapter tests pin the DingTalk round trip (the bench loads the real one).
  const knowledge = createKnowledgeService({ entries: [] })
  const deps = buildCore({ config, db, log, clock: { now: () => new Date() }, defer: runner.defer, knowledge })
  // The runtime's list (so its wiring is exercised), with DingTalk rebuilt here to pass test timings.
  const platforms = createPlatforms(deps).filter((p) => p.platform !== 'dingtalk')
  const dingtalk = createDingtalkPlatform(deps, { stream })
  addPort(deps, dingtalk.port)
  platforms.push(dingtalk)
  const app = createApp(deps, { platforms })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  for (const platform of platforms) await platform.start?.()
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    deps,
    idle: runner.idle,
    async close() {
      await Promise.allSettled(platforms.map((p) => p.stop?.()))
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await runner.idle()
      await closeDb()
    },
  }
}

/**
 * Makes "echo …" messages answer with one text reply, whatever the features registered: the adapter tests pin the
 * DingTalk round trip, not the wording of the knowledge base.
 */
export function installEcho(deps: CoreDeps): void {
  const { handlers } = deps
  deps.handlers = {
    ...handlers,
    recognizers: [
      {
        name: 'test.echo',
        recognize: (text) => (text.startsWith('echo') ? { intent: 'test.echo', confidence: 1 } : null),
      },
      ...handlers.recognizers,
    ],
    messages: new Map(handlers.messages).set('test.echo', {
      intent: 'test.echo',
      handle: async ({ event }) => ({ intent: 'test.echo', replies: [{ kind: 'text', text: `收到：${event.text}` }] }),
    }),
  }
}
