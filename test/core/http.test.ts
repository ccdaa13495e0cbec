// The real server over HTTP: health, 404, 413, malformed JSON, and the simulator answering like a chat platform.
import { expect, test } from 'vitest'
import { withServer } from '../helpers/server.ts'

const server = withServer({ once: true })

const post = (path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${server.url}${path}`, { method: 'POST', body, headers })

test('GET /healthz reports the database and which platforms are on', async () => {
  const res = await fetch(`${server.url}/healthz`)
  expect(res.status).toBe(200)
  expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok', platforms: { console: 'on' } })
})

test('unknown routes answer 404 JSON with a reason', async () => {
  const res = await fetch(`${server.url}/no/such/thing`)
  expect(res.status).toBe(404)
  expect(await res.json()).toEqual({ error: 'not_found', message: 'no route for GET /no/such/thing' })
})

test('malformed JSON is a 400 that says why, with no stack trace', async () => {
  const res = await post('/simulator/messages', '{"userId": "u", "text": ')
  expect(res.status).toBe(400)
  const body = await res.json()
  expect(body.error).toBe('invalid_json')
  expect(body.message).toMatch(/not valid JSON/)
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/)
})

test('a body of the wrong shape is a 400 naming the field', async () => {
  const res = await post('/simulator/messages', JSON.stringify({ text: '你好' }))
  expect(res.status).toBe(400)
  expect((await res.json()).message).toMatch(/userId/)
})

test('the simulator answers "帮助" with the help card and numbered buttons', async () => {
  const res = await post('/simulator/messages', JSON.stringify({ userId: 'visitor', text: '帮助' }))
  expect(res.status).toBe(200)
  const turn = await res.json()
  expect(turn.intent).toBe('help')
  expect(turn.text).toContain('质量强企服务助手')
  expect(turn.text).toMatch(/\[1\] 申请一站式服务/)
  expect(turn.cards[0].id).toMatch(/^crd_/)
})

test('the simulator page is served for a browser', async () => {
  const res = await fetch(`${server.url}/simulator`)
  expect(res.status).toBe(200)
  expect(await res.text()).toContain('本地模拟器')
})

// Last: the server closes the connection mid-upload, which spoils the client's keep-alive socket for a next request.
test('bodies over 1 MiB are refused with 413 before they are read', async () => {
  const res = await post('/simulator/messages', JSON.stringify({ userId: 'u', text: 'x'.repeat(1024 * 1024 + 10) }))
  expect(res.status).toBe(413)
  expect(await res.json()).toMatchObject({ error: 'payload_too_large' })
})
