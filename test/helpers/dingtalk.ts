// The real server (createApp, pipeline, outbox, SQLite file) with DingTalk on, pointed at the fake DingTalk; and
// withDingtalk(), which starts both around every test (or once for the file) and closes both afterwards.
import type { PngRenderer } from '../../src/bot/images.ts'
import type { CoreDeps } from '../../src/deps.ts'
import { createKnowledgeService, type KnowledgeService } from '../../src/features/knowledge/service.ts'
import { createDingtalkPlatform } from '../../src/platforms/dingtalk/index.ts'
import { type FakeDingtalk, startFakeDingtalk } from '../fakes/dingtalk/server.ts'
import { type MovableClock, movableClock } from './clock.ts'
import { startTestServer, type TestServer, withFakeAndServer } from './server.ts'

export type DingtalkTestServer = TestServer & { clock: MovableClock }

export interface DingtalkServerOptions {
  stream?: { idleMs?: number; pingEveryMs?: number; reconnectMinMs?: number }
  database?: 'sqlite' | 'postgresql'
  logs?: string[]
  /** Defaults to an empty knowledge base (adapter tests); conversation tests pass the real one. */
  knowledge?: KnowledgeService
  /** The PNG renderer (default: the Node runtime's; null: none, as on Workers). */
  png?: PngRenderer | null
}

export async function startDingtalkServer(
  fake: FakeDingtalk,
  env: Record<string, string> = {},
  options: DingtalkServerOptions = {},
): Promise<DingtalkTestServer> {
  // Starts at the real now (callbacks carry real timestamps); tests move it to reach a retry's time.
  const clock = movableClock('now')
  const server = await startTestServer({
    clock,
    database: options.database,
    logs: options.logs,
    png: options.png,
    env: {
      DINGTALK_CLIENT_ID: fake.clientId,
      DINGTALK_CLIENT_SECRET: fake.clientSecret,
      DINGTALK_ROBOT_CODE: 'dingrobot001',
      DINGTALK_API_BASE_URL: fake.url,
      // The fake serves the web sign-in's login page and the older API host too.
      DINGTALK_LOGIN_URL: fake.url,
      DINGTALK_OAPI_BASE_URL: fake.url,
      ...env,
    },
    // An empty knowledge base unless given: adapter tests pin the DingTalk round trip.
    knowledge: options.knowledge ?? createKnowledgeService({ entries: [] }),
    simulator: false,
    // Built here so tests can pass Stream timings.
    platform: (deps) => createDingtalkPlatform(deps, { stream: options.stream }),
  })
  return { ...server, clock }
}

export interface WithDingtalkOptions extends DingtalkServerOptions {
  env?: Record<string, string>
  /** Start once for the whole file (beforeAll) instead of afresh for every test. */
  once?: boolean
}

/** The fake DingTalk and the server on it, started before every test (or once) and closed after. */
export interface DingtalkSetUp {
  fake: FakeDingtalk
  server: DingtalkTestServer
}

export function withDingtalk(options: WithDingtalkOptions = {}): DingtalkSetUp {
  return withFakeAndServer(options.once, async () => {
    const fake = await startFakeDingtalk()
    return { fake, server: await startDingtalkServer(fake, options.env, options) }
  })
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
