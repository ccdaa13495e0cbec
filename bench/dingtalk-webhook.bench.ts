// DingTalk robot-callback load: signed callbacks with unique msgIds against the real server (createApp, pipeline,
// outbox, SQLite file) on loopback, at ~500 requests/s and flat out, beside a bare-Hono 200 baseline measured in
// the same run. Every callback is verified, decoded, stored and answered (the answers go to the fake DingTalk), so
// the numbers include the background work competing with the acknowledgements.

import { writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { loadKnowledgeService } from '../src/features/knowledge/node.ts'
import { robotText, signedHeaders } from '../test/dingtalk/fixtures.ts'
import { startDingtalkServer } from '../test/dingtalk/harness.ts'
import { startFakeDingtalk } from '../test/fakes/dingtalk/server.ts'

interface CannonResult {
  latency: { p50: number; p99: number; average: number }
  requests: { average: number; total: number }
  non2xx: number
  errors: number
  timeouts: number
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>

const DURATION_S = 10

async function run(url: string, path: string, headers: Record<string, string>, hook: string, rate?: number) {
  // autocannon ships no types; the import through a variable keeps tsc from asking for them.
  const name = 'autocannon'
  const autocannon = (await import(name)).default as Cannon
  let seq = 0
  const result = await autocannon({
    url,
    duration: DURATION_S,
    connections: rate ? 10 : 50,
    ...(rate ? { overallRate: rate } : {}),
    requests: [
      {
        method: 'POST',
        path,
        headers,
        setupRequest: (req: Record<string, unknown>) => ({
          ...req,
          body: JSON.stringify(
            robotText({
              msgId: `bench-${Date.now()}-${++seq}`,
              text: { content: '质量贷怎么申请' },
              sessionWebhook: hook,
              sessionWebhookExpiredTime: Date.now() + 3_600_000,
            }),
          ),
        }),
      },
    ],
  })
  return {
    rps: Math.round(result.requests.average),
    total: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

async function baselineServer() {
  const app = new Hono()
  app.post('/ok', (c) => c.json({}))
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null)

export async function runDingtalkWebhookBench() {
  const fake = await startFakeDingtalk()
  const app = await startDingtalkServer(fake, { LOG_LEVEL: 'error' })
  // Real answers from the real knowledge base, as in production (the runtime entry loads it the same way).
  app.deps.knowledge = (await loadKnowledgeService('knowledge')).service
  const base = await baselineServer()
  // One signature serves every request: it covers only timestamp + secret, and stays valid for an hour.
  const headers = await signedHeaders(fake.clientSecret)
  const hook = fake.sessionWebhook('bench', 3_600_000).url
  try {
    const baseline500 = await run(base.url, '/ok', headers, hook, 500)
    const dingtalk500 = await run(app.url, '/webhooks/dingtalk/robot', headers, hook, 500)
    const baselineMax = await run(base.url, '/ok', headers, hook)
    const dingtalkMax = await run(app.url, '/webhooks/dingtalk/robot', headers, hook)
    await app.idle()
    const stored = await app.deps.db.inboundEvent.count()
    const processed = await app.deps.db.inboundEvent.count({ where: { status: 'processed' } })
    const results = {
      bench: 'dingtalk-webhook',
      at: new Date().toISOString(),
      node: process.version,
      durationSeconds: DURATION_S,
      note: 'POST /webhooks/dingtalk/robot (verify, decode, store, ack; processing and replies deferred) vs bare Hono 200',
      at500: { baseline: baseline500, dingtalk: dingtalk500 },
      atMax: { baseline: baselineMax, dingtalk: dingtalkMax },
      ratios: {
        p50At500: ratio(dingtalk500.p50Ms, baseline500.p50Ms),
        p99At500: ratio(dingtalk500.p99Ms, baseline500.p99Ms),
        throughputAtMax: ratio(dingtalkMax.rps, baselineMax.rps),
      },
      events: {
        stored,
        processed,
        repliesSeenByFake: fake.calls.filter((c) => c.path === '/robot/sendBySession').length,
      },
    }
    writeFileSync(new URL('./results/dingtalk-webhook.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`)
    console.log(JSON.stringify(results, null, 2))
    return results
  } finally {
    await base.close()
    await app.close()
    await fake.close()
  }
}
