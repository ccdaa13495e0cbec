// DingTalk robot-callback load: signed callbacks with unique msgIds against the real server (startNodeServer:
// createApp, pipeline, outbox, SQLite file, the real knowledge base, production wiring) on loopback, at 500
// requests/s and flat out, beside a bare-Hono 200 baseline measured in the same run. Every callback is verified,
// decoded, stored and acknowledged, then answered through its sessionWebhook (the fake DingTalk) — on the background
// thread in production (PROCESSING=thread), and for comparison with PROCESSING=inline. The same targets as Feishu.
// The load generator runs in a child process with pre-built requests (bench/webhook-load.ts).
import { writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { robotText, signedHeaders } from '../test/dingtalk/fixtures.ts'
import { type FakeDingtalk, startFakeDingtalk } from '../test/fakes/dingtalk/server.ts'
import {
  type BenchServer,
  bareHono,
  DURATION_S,
  fullRun,
  load,
  METHOD,
  processedCount,
  productionServer,
  RATE,
  ratio,
  repeated,
  requestsFor,
  type SignedRequest,
  warmUp,
} from './webhook-load.ts'

const PATH = '/webhooks/dingtalk/robot'
let batch = 0

/** Unique callbacks from 500 group chats, each with a sessionWebhook valid for the hour. */
async function callbacks(fake: FakeDingtalk, rate?: number): Promise<SignedRequest[]> {
  // One signature serves every request: it covers only timestamp + secret, and stays valid for an hour.
  const headers = await signedHeaders(fake.clientSecret)
  const hook = fake.sessionWebhook('bench', 3_600_000).url
  const tag = `${Date.now()}-${++batch}`
  return Array.from({ length: requestsFor(rate) }, (_, i) => ({
    headers,
    body: JSON.stringify(
      robotText({
        msgId: `bench-${tag}-${i}`,
        conversationId: `cidBench${i % 500}==`,
        text: { content: '质量贷怎么申请' },
        sessionWebhook: hook,
        sessionWebhookExpiredTime: Date.now() + 3_600_000,
      }),
    ),
  }))
}

export async function runDingtalkWebhookBench() {
  const fake = await startFakeDingtalk()
  const env = {
    DINGTALK_CLIENT_ID: fake.clientId,
    DINGTALK_CLIENT_SECRET: fake.clientSecret,
    DINGTALK_ROBOT_CODE: 'dingrobot001',
    DINGTALK_API_BASE_URL: fake.url,
  }
  const app = await productionServer(env, 'thread')
  const inline = await productionServer(env, 'inline')
  const base = await bareHono()
  const loadBefore = loadavg()
  const full = async (server: BenchServer, rate?: number) => fullRun(server, PATH, await callbacks(fake, rate), rate)
  try {
    await warmUp([app, inline], PATH, () => callbacks(fake, 200))
    const at500 = {
      bareHono: await load(base.url, '/ok', await callbacks(fake, RATE), RATE),
      ours: await repeated(() => full(app, RATE)),
      oursInline: await repeated(() => full(inline, RATE)),
    }
    const atMax = {
      bareHono: await load(base.url, '/ok', await callbacks(fake)),
      ours: await full(app),
      oursInline: await full(inline),
    }
    const results = {
      bench: 'dingtalk-webhook',
      at: new Date().toISOString(),
      node: process.version,
      durationSeconds: DURATION_S,
      note: `POST /webhooks/dingtalk/robot with signed text callbacks (unique msgIds, 500 groups, "质量贷怎么申请" answered from the real knowledge base through the sessionWebhook of the fake DingTalk). bareHono = 200 only; ours = the production server (PROCESSING=thread): verify, decode, store (durable de-dup), ack, then process and reply on the background thread; oursInline = the same with PROCESSING=inline. processedPerSecond = events processed during the run / its duration. ${METHOD}`,
      at500,
      atMax,
      loadAverage: { before: loadBefore[0], after: loadavg()[0], cores: cpus().length },
      ratios: {
        p99At500VsBare: ratio(at500.ours.p99Ms, at500.bareHono.p99Ms),
        p99At500InlineVsThread: ratio(at500.oursInline.p99Ms, at500.ours.p99Ms),
        throughputAtMaxVsBare: ratio(atMax.ours.rps, atMax.bareHono.rps),
        inlineThroughputAtMaxVsBare: ratio(atMax.oursInline.rps, atMax.bareHono.rps),
      },
      target: {
        p99At500Ms: 20,
        met: at500.ours.p99Ms < 20,
        metInEveryRun: at500.ours.runsP99Ms.every((p99) => p99 < 20),
      },
      events: {
        stored: await app.deps.db.inboundEvent.count(),
        processed: await processedCount(app),
        // Text answers go through the sessionWebhook; cards through the robot API (20 a minute per group).
        repliesSeenByFake: fake.calls.filter((c) => /sendBySession|groupMessages\/send|createAndDeliver/.test(c.path))
          .length,
      },
    }
    writeFileSync(new URL('./results/dingtalk-webhook.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`)
    console.log(JSON.stringify(results, null, 2))
    return results
  } finally {
    await base.close()
    await Promise.allSettled([app.close(), inline.close()])
    await fake.close()
  }
}
