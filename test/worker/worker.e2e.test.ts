// The real Worker under `wrangler dev` (workerd + a local D1 database migrated by wrangler from the flat files
// derived from prisma/migrations): the same app answers on Workers as on Node.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startWranglerDev, type WranglerDev } from '../helpers/wrangler.ts'

let worker: WranglerDev
let base = ''

beforeAll(async () => {
  worker = await startWranglerDev({ SIMULATOR: 'on' })
  base = worker.base
}, 120_000)

afterAll(() => worker?.stop())

test('GET /healthz answers 200 with the D1 database reachable', async () => {
  const res = await fetch(`${base}/healthz`)
  expect(res.status).toBe(200)
  expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok' })
})

test('unknown routes answer 404 JSON on Workers too', async () => {
  const res = await fetch(`${base}/nope`)
  expect(res.status).toBe(404)
  expect(await res.json()).toMatchObject({ error: 'not_found' })
})

test('a conversation runs the whole pipeline on D1: stored event, handler, outbox, card', async () => {
  const res = await fetch(`${base}/simulator/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'worker-visitor', text: '帮助' }),
  })
  expect(res.status).toBe(200)
  const turn = await res.json()
  expect(turn.intent).toBe('help')
  expect(turn.text).toContain('质量强企服务助手')
})

test('the cron trigger runs the registry jobs', async () => {
  const res = await fetch(`${base}/__scheduled?cron=*+*+*+*+*`)
  expect(await res.text()).toBe('Ran scheduled event')
})
