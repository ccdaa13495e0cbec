// A core without HTTP, for testing the pipeline and outbox directly: real database, a movable clock, and a
// scripted platform port that records what it was asked to deliver.
import type { Feature } from '../../src/bot/feature.ts'
import { parseEnv } from '../../src/config/env.ts'
import type { CoreDeps } from '../../src/deps.ts'
import { FEATURES } from '../../src/features/index.ts'
import { createLogger } from '../../src/log.ts'
import type { DeliveryResult, OutboxMessage, PlatformPort } from '../../src/outbox/port.ts'
import { FEISHU_CAPABILITIES } from '../../src/platforms/feishu/index.ts'
import { backgroundRunner, buildCore } from '../../src/runtime/core.ts'
import { movableClock } from './clock.ts'
import { openTestDb } from './db.ts'
import { testKnowledge } from './knowledge.ts'

export function scriptedPort(platform: PlatformPort['platform'] = 'feishu') {
  const delivered: OutboxMessage[] = []
  const script: DeliveryResult[] = []
  const port: PlatformPort & { delivered: OutboxMessage[]; script: DeliveryResult[] } = {
    platform,
    limits: { perTargetPerSecond: 5, perAppPerSecond: 50 },
    delivered,
    script,
    async deliver(message) {
      const result = script.shift() ?? { ok: true, platformMessageId: `msg-${message.id}` }
      if (result.ok) delivered.push(message)
      return result
    },
  }
  return port
}

/** `features` defaults to the bot's own list (src/features/index.ts). */
export async function testCore(
  kind: 'sqlite' | 'postgresql' = 'sqlite',
  options: { features?: readonly Feature[] } = {},
) {
  const { db, url, close } = await openTestDb(kind)
  const log = createLogger({ level: 'error', write: () => {} })
  const runner = backgroundRunner(log)
  const clock = movableClock()
  const port = scriptedPort()
  const knowledge = await testKnowledge()
  const deps: CoreDeps = buildCore({
    knowledge,
    features: options.features ?? FEATURES,
    config: parseEnv({ DATABASE_URL: url }), // the configuration names the database the core is given
    db,
    log,
    clock,
    defer: runner.defer,
    ports: { feishu: port },
    capabilities: { feishu: FEISHU_CAPABILITIES },
  })
  return {
    deps,
    port,
    clock,
    idle: runner.idle,
    close: async () => {
      await runner.idle()
      await close()
    },
  }
}
