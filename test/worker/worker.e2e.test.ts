// The real Worker under `wrangler dev` (workerd + a local D1 database migrated by wrangler from the flat files
// derived from prisma/migrations): the same app answers on Workers as on Node.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'

const wrangler = join(process.cwd(), 'node_modules/wrangler/bin/wrangler.js')
const persist = mkdtempSync(join(tmpdir(), 'qsbot-wrangler-'))
const env = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_PROXY: '*' }
let child: ChildProcess | undefined
let base = ''

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

beforeAll(async () => {
  execFileSync(
    process.execPath,
    [wrangler, 'd1', 'migrations', 'apply', 'quality-service-bot', '--local', '--persist-to', persist],
    {
      stdio: 'ignore',
      env,
    },
  )
  const port = await freePort()
  child = spawn(
    process.execPath,
    [
      wrangler,
      'dev',
      '--local',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--persist-to',
      persist,
      '--test-scheduled',
      '--var',
      'SIMULATOR:on',
      '--inspector-port',
      String(await freePort()),
    ],
    { env },
  )
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

afterAll(() => {
  child?.kill('SIGTERM')
})

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
