// A fake Feishu open platform on 127.0.0.1 (docs/protocols.md, Feishu): tenant_access_token, bot info, im/v1/messages
// create / reply / PATCH, interactive/v1/card/update, and (optionally) the long-connection endpoint. It records every
// call and can be told to answer with a rate limit (429 + x-ogw-ratelimit-reset, code 99991400), a chat rate limit
// (230020) or an invalid token (99991663).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FakeWsGateway } from './ws-gateway.ts'

export const FAKE_APP_ID = 'cli_a1b2c3d4e5f60718'
export const FAKE_APP_SECRET = 'fake-app-secret'
export const FAKE_BOT_OPEN_ID = 'ou_bot_0001'

export interface RecordedCall {
  method: string
  path: string
  query: Record<string, string>
  token?: string
  body: Record<string, unknown>
}

export interface InjectedFailure {
  status: number
  code: number
  msg?: string
  headers?: Record<string, string>
}

export interface FakeFeishu {
  url: string
  calls: RecordedCall[]
  /** Calls to message endpoints that were accepted (create, reply, patch, card update). */
  messages(): RecordedCall[]
  tokensIssued(): number
  /** The next n message calls fail this way. */
  failNext(n: number, failure: InjectedFailure): void
  /** Every token issued so far becomes invalid (the next call with one gets 99991663). */
  expireTokens(): void
  ws?: FakeWsGateway
  close(): Promise<void>
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  res.end(JSON.stringify(body))
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = ''
  for await (const chunk of req) text += chunk
  return text ? (JSON.parse(text) as Record<string, unknown>) : {}
}

export async function startFakeFeishu(options: { ws?: FakeWsGateway } = {}): Promise<FakeFeishu> {
  const calls: RecordedCall[] = []
  const valid = new Set<string>()
  const failures: InjectedFailure[] = []
  const seenUuids = new Map<string, string>()
  let issued = 0
  let messageSeq = 0

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake')
    const body: Record<string, unknown> = await readJson(req).catch(() => ({}))
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    const call: RecordedCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      token,
      body,
    }
    calls.push(call)

    if (url.pathname === '/open-apis/auth/v3/tenant_access_token/internal') {
      if (body.app_id !== FAKE_APP_ID || body.app_secret !== FAKE_APP_SECRET) {
        return json(res, 200, { code: 10014, msg: 'app secret invalid' })
      }
      const fresh = `t-fake-${++issued}`
      valid.add(fresh)
      return json(res, 200, { code: 0, msg: 'ok', tenant_access_token: fresh, expire: 7200 })
    }
    if (url.pathname === '/callback/ws/endpoint' && options.ws) {
      return json(res, 200, options.ws.endpointAnswer(body))
    }
    if (!token || !valid.has(token)) {
      return json(res, 400, { code: 99991663, msg: 'Invalid access token for authorization' })
    }
    if (url.pathname === '/open-apis/bot/v3/info') {
      return json(res, 200, { code: 0, msg: 'ok', bot: { open_id: FAKE_BOT_OPEN_ID, app_name: '质量强企服务助手' } })
    }
    const isMessageCall =
      url.pathname.startsWith('/open-apis/im/v1/messages') || url.pathname === '/open-apis/interactive/v1/card/update'
    if (!isMessageCall) return json(res, 404, { code: 404, msg: `fake has no ${req.method} ${url.pathname}` })
    const failure = failures.shift()
    if (failure) {
      return json(res, failure.status, { code: failure.code, msg: failure.msg ?? 'injected failure' }, failure.headers)
    }
    ;(call as RecordedCall & { accepted?: boolean }).accepted = true
    if (url.pathname === '/open-apis/interactive/v1/card/update') return json(res, 200, { code: 0, msg: 'ok' })
    if (req.method === 'PATCH') return json(res, 200, { code: 0, msg: 'ok', data: {} })
    // Feishu answers a repeated uuid (within an hour) with the first message instead of posting again.
    const uuid = typeof body.uuid === 'string' ? body.uuid : undefined
    const messageId = (uuid && seenUuids.get(uuid)) || `om_fake_${++messageSeq}`
    if (uuid) seenUuids.set(uuid, messageId)
    return json(res, 200, { code: 0, msg: 'success', data: { message_id: messageId, msg_type: body.msg_type } })
  })
  if (options.ws) server.on('upgrade', (req, socket, head) => options.ws?.handleUpgrade(req, socket, head))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  options.ws?.setBaseUrl(url)

  return {
    url,
    calls,
    messages: () => calls.filter((c) => (c as RecordedCall & { accepted?: boolean }).accepted),
    tokensIssued: () => issued,
    failNext(n, failure) {
      for (let i = 0; i < n; i++) failures.push(failure)
    },
    expireTokens: () => valid.clear(),
    ws: options.ws,
    async close() {
      options.ws?.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
