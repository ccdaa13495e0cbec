// The real server (createApp, pipeline, outbox, SQLite file) with DingTalk on, pointed at the fake DingTalk.
import type { CoreDeps } from '../../src/deps.ts'
import { createKnowledgeService } from '../../src/features/knowledge/service.ts'
import { createDingtalkPlatform } from '../../src/platforms/dingtalk/index.ts'
import type { FakeDingtalk } from '../fakes/dingtalk/server.ts'
import { startTestServer } from '../helpers/server.ts'

export interface DingtalkTestServer {
  url: string
  deps: CoreDeps
  idle(): Promise<void>
  close(): Promise<void>
}

export function startDingtalkServer(
  fake: FakeDingtalk,
  env: Record<string, string> = {},
  stream?: { idleMs?: number; pingEveryMs?: number; reconnectMinMs?: number },
): Promise<DingtalkTestServer> {
  return startTestServer({
    env: {
      DINGTALK_CLIENT_ID: fake.clientId,
      DINGTALK_CLIENT_SECRET: fake.clientSecret,
      DINGTALK_ROBOT_CODE: 'dingrobot001',
      DINGTALK_API_BASE_URL: fake.url,
      ...env,
    },
    // An empty knowledge base: adapter tests pin the DingTalk round trip.
    knowledge: createKnowledgeService({ entries: [] }),
    simulator: false,
    // Built here so tests can pass Stream timings.
    platform: (deps) => createDingtalkPlatform(deps, { stream }),
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
