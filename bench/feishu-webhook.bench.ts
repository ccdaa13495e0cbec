// Feishu event-subscription load: encrypted, signed im.message.receive_v1 events with unique event ids against
// the real server (startNodeServer: createApp, pipeline, outbox, SQLite file, production wiring) on loopback, at
// 500 events/s and flat out, beside two baselines measured in the same run: a bare Hono endpoint answering 200,
// and the official SDK's `adaptDefault` on node:http with an EventDispatcher doing its decrypt and dispatch (no
// storage, no token check, no de-dup). Our server does more per event: raw-body signature, token and app check, a
// durable insert (de-duplication), then the reply is produced and sent to the fake Feishu. The production default
// does that on a background thread (PROCESSING=thread); the same run measures PROCESSING=inline for comparison.
// The load generator runs in a child process with pre-signed requests (bench/webhook-load.ts).

import { writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { cpus, loadavg } from 'node:os'
import { serve } from '@hono/node-server'
import * as lark from '@larksuiteoapi/node-sdk'
import { Hono } from 'hono'
import { botCore } from '../src/bot/core.ts'
import { createFeishuPlatform } from '../src/platforms/feishu/index.ts'
import { FAKE_ENCRYPT_KEY, FAKE_VERIFICATION_TOKEN, feishuRequest, messageEvent } from '../test/fakes/feishu/events.ts'
import { FAKE_APP_ID, FAKE_APP_SECRET, startFakeFeishu } from '../test/fakes/feishu/server.ts'
import {
  type BenchServer,
  bareHono,
  DURATION_S,
  fullRun,
  listen,
  load,
  METHOD,
  processedCount,
  productionServer,
  RATE,
  ratio,
  repeated,
  requestsFor,
  warmUp,
} from './webhook-load.ts'

let batch = 0
/** Unique events from 500 group chats, so replies meet Feishu's per-app limit (50/s) rather than one chat's (5/s). */
function events(rate?: number) {
  const tag = `${Date.now()}-${++batch}`
  return Array.from({ length: requestsFor(rate) }, (_, i) =>
    feishuRequest(messageEvent({ eventId: `bench-${tag}-${i}`, chatId: `oc_bench_${i % 500}`, text: '帮助' }), {
      encryptKey: FAKE_ENCRYPT_KEY,
    }),
  )
}

/** Our adapter alone (verify raw body, decrypt, token/app check, decode) with a core that stores nothing. */
function adapterOnly(deps: Parameters<typeof createFeishuPlatform>[0]) {
  const core = {
    ...botCore,
    acceptEvent: async () => ({ status: 'accepted' as const }),
    handleCardAction: async () => ({}),
  }
  const app = new Hono().route('/webhooks/feishu', createFeishuPlatform(deps, { core }).routes!)
  return listen(serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }))
}

async function sdkAdapter() {
  let dispatched = 0
  const dispatcher = new lark.EventDispatcher({
    encryptKey: FAKE_ENCRYPT_KEY,
    verificationToken: FAKE_VERIFICATION_TOKEN,
    loggerLevel: lark.LoggerLevel.error,
  }).register({
    'im.message.receive_v1': async () => {
      dispatched++
    },
  })
  const server = createServer(lark.adaptDefault('/webhook/event', dispatcher, { autoChallenge: true }))
  server.listen(0, '127.0.0.1')
  return { ...(await listen(server)), dispatched: () => dispatched }
}

/**
 * Runs `run` with event processing switched off: events are stored and acknowledged, nothing else. Afterwards the
 * server catches up on what was stored (any id wakes the background loop, which reads the waiting events from the
 * database) before the next scenario, so that no run pays for an earlier one's backlog.
 */
async function ackOnly<T>(server: BenchServer, run: () => Promise<T>): Promise<T> {
  const processLater = server.deps.processLater
  server.deps.processLater = () => {}
  try {
    return await run()
  } finally {
    server.deps.processLater = processLater
    processLater(0)
    await server.idle()
  }
}

export async function runFeishuWebhookBench() {
  const fake = await startFakeFeishu()
  const env = {
    FEISHU_APP_ID: FAKE_APP_ID,
    FEISHU_APP_SECRET: FAKE_APP_SECRET,
    FEISHU_VERIFICATION_TOKEN: FAKE_VERIFICATION_TOKEN,
    FEISHU_ENCRYPT_KEY: FAKE_ENCRYPT_KEY,
    FEISHU_BASE_URL: fake.url,
  }
  const app = await productionServer(env, 'thread')
  const inline = await productionServer(env, 'inline')
  const bare = await bareHono()
  const sdk = await sdkAdapter()
  const adapter = await adapterOnly(app.deps)
  const loadBefore = loadavg()
  const path = '/webhooks/feishu/events'
  const full = (server: BenchServer, rate?: number) => fullRun(server, path, events(rate), rate)
  try {
    await warmUp([app, inline], path, () => events(200))
    const at500 = {
      bareHono: await load(bare.url, '/ok', events(RATE), RATE),
      sdkAdaptDefault: await load(sdk.url, '/webhook/event', events(RATE), RATE),
      oursAdapterOnly: await load(adapter.url, path, events(RATE), RATE),
      oursAckOnly: await ackOnly(app, () => load(app.url, path, events(RATE), RATE)),
      ours: await repeated(() => full(app, RATE)),
      oursInline: await repeated(() => full(inline, RATE)),
    }
    const atMax = {
      bareHono: await load(bare.url, '/ok', events()),
      sdkAdaptDefault: await load(sdk.url, '/webhook/event', events()),
      oursAdapterOnly: await load(adapter.url, path, events()),
      oursAckOnly: await ackOnly(app, () => load(app.url, path, events())),
      ours: await full(app),
      oursInline: await full(inline),
    }
    const results = {
      bench: 'feishu-webhook',
      at: new Date().toISOString(),
      node: process.version,
      durationSeconds: DURATION_S,
      note: `encrypted+signed im.message.receive_v1, unique event ids, 500 chats. bareHono = 200 only; sdkAdaptDefault = SDK adaptDefault+EventDispatcher (decrypt, signature over re-serialised JSON, no token check, no storage, no-op handler); oursAdapterOnly = our routes (raw-body signature, decrypt, token/app check, decode) with a core that stores nothing; oursAckOnly = the production server, event stored (durable de-dup) then ack, processing off; ours = the production server (PROCESSING=thread): stored, acknowledged, processed on the background thread and replied to the fake Feishu (50/s app limit); oursInline = the same with PROCESSING=inline (one event loop for everything). processedPerSecond = events processed during the run / its duration. ${METHOD}`,
      at500,
      atMax,
      // The machine is shared: other work running during the bench shows here (1-minute load, before and after).
      loadAverage: { before: loadBefore[0], after: loadavg()[0], cores: cpus().length },
      ratios: {
        p99At500VsBare: ratio(at500.ours.p99Ms, at500.bareHono.p99Ms),
        p99At500VsSdk: ratio(at500.ours.p99Ms, at500.sdkAdaptDefault.p99Ms),
        p99At500InlineVsThread: ratio(at500.oursInline.p99Ms, at500.ours.p99Ms),
        throughputAtMaxVsBare: ratio(atMax.ours.rps, atMax.bareHono.rps),
        throughputAtMaxVsSdk: ratio(atMax.ours.rps, atMax.sdkAdaptDefault.rps),
        adapterOnlyThroughputAtMaxVsSdk: ratio(atMax.oursAdapterOnly.rps, atMax.sdkAdaptDefault.rps),
        ackOnlyThroughputAtMaxVsSdk: ratio(atMax.oursAckOnly.rps, atMax.sdkAdaptDefault.rps),
        inlineThroughputAtMaxVsSdk: ratio(atMax.oursInline.rps, atMax.sdkAdaptDefault.rps),
      },
      target: {
        p99At500Ms: 20,
        met: at500.ours.p99Ms < 20,
        metInEveryRun: at500.ours.runsP99Ms.every((p99) => p99 < 20),
        throughputAtLeastSdk: atMax.ours.rps >= atMax.sdkAdaptDefault.rps,
      },
      events: {
        stored: await app.deps.db.inboundEvent.count(),
        processed: await processedCount(app),
        repliesSeenByFake: fake.messages().length,
        sdkDispatched: sdk.dispatched(),
      },
    }
    writeFileSync(new URL('./results/feishu-webhook.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`)
    console.log(JSON.stringify(results, null, 2))
    return results
  } finally {
    await Promise.allSettled([bare.close(), sdk.close(), adapter.close()])
    await Promise.allSettled([app.close(), inline.close()])
    await fake.close()
  }
}
