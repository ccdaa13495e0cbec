// The real Worker in workerd (wrangler's local runtime) with a local D1 database migrated by wrangler from the
// flat files derived from prisma/migrations: the same app answers on Workers as on Node.
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { unstable_startWorker } from 'wrangler'

const persist = mkdtempSync(join(tmpdir(), 'qsbot-wrangler-'))
let worker: Awaited<ReturnType<typeof unstable_startWorker>>

beforeAll(async () => {
  const wrangler = join(process.cwd(), 'node_modules/wrangler/bin/wrangler.js')
  execFileSync(
    process.execPath,
    [wrangler, 'd1', 'migrations', 'apply', 'quality-service-bot', '--local', '--persist-to', persist],
    {
      stdio: 'ignore',
      env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
    },
  )
  worker = await unstable_startWorker({
    config: 'wrangler.toml',
    dev: {
      server: { hostname: '127.0.0.1', port: 0 },
      inspector: false,
      persist,
      watch: false,
      logLevel: 'error',
      testScheduled: true,
    },
  })
  await worker.ready
}, 120_000)

afterAll(async () => {
  await worker?.dispose()
})

test('GET /healthz answers 200 with the D1 database reachable', async () => {
  const res = await fetch(new URL('/healthz', await worker.url))
  expect(res.status).toBe(200)
  expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok' })
})

test('unknown routes answer 404 JSON on Workers too', async () => {
  const res = await fetch(new URL('/nope', await worker.url))
  expect(res.status).toBe(404)
  expect(await res.json()).toMatchObject({ error: 'not_found' })
})

test('the cron trigger runs the registry jobs once per period', async () => {
  const res = await worker.fetch('http://localhost/__scheduled?cron=*+*+*+*+*')
  expect(await res.text()).toBe('Ran scheduled event')
})
