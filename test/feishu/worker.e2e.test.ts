// The Feishu adapter on Workers: the real Worker under `wrangler dev` (workerd, local D1) with Feishu on and pointed
// at the fake open platform on 127.0.0.1. Checks what differs from Node: Web Crypto verification and decryption,
// the SDK Client over our fetch-based HTTP instance, and processing after the ack via executionCtx.waitUntil.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import {
  challenge,
  FAKE_ENCRYPT_KEY,
  FAKE_VERIFICATION_TOKEN,
  feishuRequest,
  messageEvent,
} from '../fakes/feishu/events.ts'
import { FAKE_APP_ID, FAKE_APP_SECRET, type FakeFeishu, startFakeFeishu } from '../fakes/feishu/server.ts'
import { waitFor } from '../helpers/server.ts'

const wrangler = join(process.cwd(), 'node_modules/wrangler/bin/wrangler.js')
const persist = mkdtempSync(join(tmpdir(), 'qsbot-wrangler-feishu-'))
const env = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_PROXY: '*' }
let child: ChildProcess | undefined
let fake: FakeFeishu
let base = ''

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

beforeAll(async () => {
  fake = await startFakeFeishu()
  execFileSync(
    process.execPath,
    [wrangler, 'd1', 'migrations', 'apply', 'quality-service-bot', '--local', '--persist-to', persist],
    { stdio: 'ignore', env },
  )
  const port = await freePort()
  const vars = {
    FEISHU_APP_ID: FAKE_APP_ID,
    FEISHU_APP_SECRET: FAKE_APP_SECRET,
    FEISHU_VERIFICATION_TOKEN: FAKE_VERIFICATION_TOKEN,
    FEISHU_ENCRYPT_KEY: FAKE_ENCRYPT_KEY,
    FEISHU_BASE_URL: fake.url,
  }
  const args = [wrangler, 'dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persist]
  for (const [key, value] of Object.entries(vars)) args.push('--var', `${key}:${value}`)
  child = spawn(process.execPath, [...args, '--inspector-port', String(await freePort())], { env })
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk
      if (output.includes('Ready on')) resolve()
    }
    child!.stdout!.on('data', onData)
    child!.stderr!.on('data', onData)
    child!.on('exit', (code) => reject(new Error(`wrangler dev exited (${code}):\n${output}`)))
  })
  base = `http://127.0.0.1:${port}`
}, 120_000)

afterAll(async () => {
  child?.kill('SIGTERM')
  await fake?.close()
})

const post = async (payload: unknown) => {
  const request = feishuRequest(payload, { encryptKey: FAKE_ENCRYPT_KEY })
  const res = await fetch(`${base}/webhooks/feishu/events`, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

test('answers an encrypted challenge and refuses a forged event on Workers', async () => {
  const body = challenge()
  expect(await post(body)).toEqual({ status: 200, body: { challenge: body.challenge } })
  const forged = feishuRequest(messageEvent(), { encryptKey: 'not-our-key' })
  const res = await fetch(`${base}/webhooks/feishu/events`, {
    method: 'POST',
    headers: forged.headers,
    body: forged.body,
  })
  expect(res.status).toBe(401)
})

test('acknowledges a group @-mention and replies with a card through the SDK client', async () => {
  const event = messageEvent({ text: '帮助' })
  expect(await post(event)).toEqual({ status: 200, body: {} })
  const reply = await waitFor(
    () => fake.messages().find((c) => c.path.endsWith('/reply')),
    15_000,
    'a reply from the Worker',
  )
  expect(reply!.path).toBe(`/open-apis/im/v1/messages/${event.event.message.message_id}/reply`)
  expect(JSON.parse(reply!.body.content as string)).toMatchObject({ schema: '2.0' })
}, 30_000)
