// The real server (createApp, pipeline, outbox, SQLite file) with Feishu on, pointed at the fake Feishu; and
// withFeishu(), which starts both around every test (or once for the file) and closes both afterwards.

import type { DbOrTx } from '../../src/db/client.ts'
import { createFeishuPlatform } from '../../src/platforms/feishu/index.ts'
import { FAKE_ENCRYPT_KEY, FAKE_VERIFICATION_TOKEN, feishuRequest } from '../fakes/feishu/events.ts'
import { FAKE_APP_ID, FAKE_APP_SECRET, type FakeFeishu, startFakeFeishu } from '../fakes/feishu/server.ts'
import { FakeWsGateway } from '../fakes/feishu/ws-gateway.ts'
import { type MovableClock, movableClock } from './clock.ts'
import { startTestServer, type TestServer, waitFor, withFakeAndServer } from './server.ts'

export type FeishuTestServer = TestServer & { clock: MovableClock }

export interface FeishuServerOptions {
  wsSilenceMs?: number
  logs?: string[]
}

export async function startFeishuServer(
  fake: FakeFeishu,
  env: Record<string, string> = {},
  options: FeishuServerOptions = {},
): Promise<FeishuTestServer> {
  // Starts at the real now: signatures carry real timestamps.
  const clock = movableClock('now')
  const server = await startTestServer({
    env: {
      FEISHU_APP_ID: FAKE_APP_ID,
      FEISHU_APP_SECRET: FAKE_APP_SECRET,
      FEISHU_VERIFICATION_TOKEN: FAKE_VERIFICATION_TOKEN,
      FEISHU_ENCRYPT_KEY: FAKE_ENCRYPT_KEY,
      FEISHU_BASE_URL: fake.url,
      // The fake serves the web sign-in's authorize page too.
      FEISHU_ACCOUNTS_URL: fake.url,
      ...env,
    },
    clock,
    logs: options.logs,
    simulator: false,
    // Built here so tests can pass adapter options (watchdog timing).
    platform: (deps) => createFeishuPlatform(deps, { wsSilenceMs: options.wsSilenceMs }),
  })
  return { ...server, clock }
}

export interface WithFeishuOptions extends FeishuServerOptions {
  env?: Record<string, string>
  /** Serve the long connection too (a fake gateway, `gateway` on the returned handle). */
  ws?: boolean
  /** Start once for the whole file (beforeAll) instead of afresh for every test. */
  once?: boolean
}

/** The fake Feishu and the server on it, started before every test (or once) and closed after. */
export interface FeishuSetUp {
  fake: FakeFeishu
  server: FeishuTestServer
  /** With `ws: true`. */
  gateway: FakeWsGateway
}

export function withFeishu(options: WithFeishuOptions = {}): FeishuSetUp {
  return withFakeAndServer(options.once, async () => {
    const gateway = options.ws ? new FakeWsGateway() : undefined
    const fake = await startFakeFeishu({ ws: gateway })
    return { fake, gateway: gateway as FakeWsGateway, server: await startFeishuServer(fake, options.env, options) }
  })
}

/** What the server answered a signed Feishu callback: its status and JSON (a card action's toast or new card). */
export interface FeishuCallbackReply {
  status: number
  body: { toast?: { type: string; content: string }; card?: { data: unknown } }
}

/** Posts an event or card action to the server as Feishu does: encrypted and signed with the fake app's keys. */
export async function postFeishuCallback(
  serverUrl: string,
  path: 'events' | 'cards',
  payload: unknown,
): Promise<FeishuCallbackReply> {
  const request = feishuRequest(payload, { encryptKey: FAKE_ENCRYPT_KEY })
  const res = await fetch(`${serverUrl}/webhooks/feishu/${path}`, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  })
  return { status: res.status, body: (await res.json()) as FeishuCallbackReply['body'] }
}

/** The newest card of a template the bot recorded (and, optionally, for whom), waiting up to 5 s for it. */
export const latestSentCard = async (db: DbOrTx, template: string, where: Record<string, unknown> = {}) =>
  (await waitFor(
    () => db.sentCard.findFirst({ where: { template, ...where }, orderBy: { createdAt: 'desc' } }),
    5000,
    template,
  ))!
