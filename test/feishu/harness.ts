// The real server (createApp, pipeline, outbox, SQLite file) with Feishu on, pointed at the fake Feishu.
import type { CoreDeps } from '../../src/deps.ts'
import { createFeishuPlatform } from '../../src/platforms/feishu/index.ts'
import { FAKE_ENCRYPT_KEY, FAKE_VERIFICATION_TOKEN } from '../fakes/feishu/events.ts'
import { FAKE_APP_ID, FAKE_APP_SECRET, type FakeFeishu } from '../fakes/feishu/server.ts'
import { type MovableClock, movableClock } from '../helpers/clock.ts'
import { startTestServer } from '../helpers/server.ts'

export interface FeishuTestServer {
  url: string
  deps: CoreDeps
  clock: MovableClock
  idle(): Promise<void>
  close(): Promise<void>
}

export async function startFeishuServer(
  fake: FakeFeishu,
  env: Record<string, string> = {},
  options: { wsSilenceMs?: number; logs?: string[] } = {},
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
