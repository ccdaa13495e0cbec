// A fake Feishu open platform on 127.0.0.1 (docs/protocols.md, Feishu): tenant_access_token, bot info, im/v1/messages
// create / reply / PATCH, interactive/v1/card/update, and (optionally) the long-connection endpoint. It records every
// call and can be told to answer with a rate limit (429 + x-ogw-ratelimit-reset, code 99991400), a chat rate limit
// (230020) or an invalid token (99991663); for fault tests also to lose its answer after posting the message (an
// error status, or the connection dropped), to drop the connection before posting, and to refuse connections for a
// while (offline).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { answerWithFailure, type FakeFaults, failureQueue, goOffline } from '../faults.ts'
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
  /** When the request arrived (ms since the epoch). */
  at?: number
  /** A message call that put a new message in the chat (not a repeated uuid, not refused). */
  posted?: boolean
  /**
   * The failure injected into this call, if any (`lost`: posted, but the answer never reached the caller;
   * `stalled`: held unanswered and not posted).
   */
  fault?: 'failed' | 'reset' | 'lost' | 'stalled'
}

export interface InjectedFailure {
  status: number
  code: number
  msg?: string
  headers?: Record<string, string>
  /** Process the call as usual (the message is posted) and only then fail: the answer is lost after delivery. */
  delivered?: boolean
  /** Drop the connection instead of answering (status and code are then unused). */
  reset?: boolean
  /**
   * Hold the call this long without posting anything, then answer with the failure (a slow platform). A caller that
   * goes away meanwhile (killed) leaves nothing posted.
   */
  stallMs?: number
}

/** Picks a failure for the `index`-th message call (1-based), after any queued by failNext; undefined: none. */
export type FaultPlan = (index: number, call: RecordedCall) => InjectedFailure | undefined

export interface FakeFeishu extends FakeFaults<InjectedFailure, RecordedCall> {
  url: string
  calls: RecordedCall[]
  /** Calls to message endpoints that were accepted (create, reply, patch, card update). */
  messages(): RecordedCall[]
  /** Message calls that put a new message in a chat (what people see; repeats of a uuid are not new). */
  posted(): RecordedCall[]
  tokensIssued(): number
  ws?: FakeWsGateway
  close(): Promise<void>
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  res.end(JSON.stringify(body))
}

function fail(req: IncomingMessage, res: ServerResponse, failure: InjectedFailure) {
  answerWithFailure(req, res, failure, (f) =>
    json(res, f.status, { code: f.code, msg: f.msg ?? 'injected failure' }, f.headers),
  )
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = ''
  for await (const chunk of req) text += chunk
  return text ? (JSON.parse(text) as Record<string, unknown>) : {}
}

export async function startFakeFeishu(options: { ws?: FakeWsGateway } = {}): Promise<FakeFeishu> {
  const calls: RecordedCall[] = []
  const valid = new Set<string>()
  const failures = failureQueue<InjectedFailure>()
  const seenUuids = new Map<string, string>()
  let issued = 0
  let messageSeq = 0
  let messageCalls = 0
  let plan: FaultPlan | undefined

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
      at: Date.now(),
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
    messageCalls++
    const failure = failures.take(`${call.method} ${call.path}`, true) ?? plan?.(messageCalls, call)
    if (failure && !failure.delivered) {
      call.fault = failure.stallMs ? 'stalled' : failure.reset ? 'reset' : 'failed'
      return fail(req, res, failure)
    }
    ;(call as RecordedCall & { accepted?: boolean }).accepted = true
    let answer: Record<string, unknown> = { code: 0, msg: 'ok' }
    if (req.method === 'PATCH') answer = { code: 0, msg: 'ok', data: {} }
    else if (url.pathname !== '/open-apis/interactive/v1/card/update') {
      // Feishu answers a repeated uuid (within an hour) with the first message instead of posting again.
      const uuid = typeof body.uuid === 'string' ? body.uuid : undefined
      const seen = uuid ? seenUuids.get(uuid) : undefined
      const messageId = seen ?? `om_fake_${++messageSeq}`
      if (uuid) seenUuids.set(uuid, messageId)
      call.posted = !seen
      answer = { code: 0, msg: 'success', data: { message_id: messageId, msg_type: body.msg_type } }
    }
    if (!failure) return json(res, 200, answer)
    call.fault = 'lost'
    return fail(req, res, failure)
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
    posted: () => calls.filter((c) => c.posted),
    tokensIssued: () => issued,
    failNext: (n, failure, endpoint) => failures.push(n, failure, endpoint),
    expireTokens: () => valid.clear(),
    setFaultPlan(next) {
      plan = next
    },
    offline: (ms) => goOffline(server, port, ms),
    ws: options.ws,
    async close() {
      options.ws?.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
