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
  /**
   * Web sign-in (docs/protocols.md §Feishu web sign-in): who the next person to open the authorize page is. The page
   * signs them in at once and sends the browser back with a one-time code; null: they cancel.
   */
  signInAs(person: { openId: string; name: string } | null): void
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
  const oauth = fakeOAuth()

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
    if (oauth.handles(url.pathname)) return oauth.answer(url, body, token, res)
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
    signInAs: oauth.signInAs,
    async close() {
      options.ws?.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/**
 * The web sign-in endpoints: the authorize page (accounts.feishu.cn in production; the tests point
 * FEISHU_ACCOUNTS_URL here), the code-for-token exchange (/open-apis/authen/v2/oauth/token) and user_info. Codes are
 * single use and bound to the redirect_uri they were issued for.
 */
function fakeOAuth() {
  let next: { openId: string; name: string } | null = { openId: 'ou_nobody', name: '未登记用户' }
  const codes = new Map<string, { openId: string; name: string; redirectUri: string }>()
  const tokens = new Map<string, { openId: string; name: string }>()
  let seq = 0
  const paths = new Set([
    '/open-apis/authen/v1/authorize',
    '/open-apis/authen/v2/oauth/token',
    '/open-apis/authen/v1/user_info',
  ])
  return {
    signInAs(person: { openId: string; name: string } | null) {
      next = person
    },
    handles: (path: string) => paths.has(path),
    answer(url: URL, body: Record<string, unknown>, token: string | undefined, res: ServerResponse) {
      if (url.pathname === '/open-apis/authen/v1/authorize') {
        const redirectUri = url.searchParams.get('redirect_uri') ?? ''
        const state = url.searchParams.get('state') ?? ''
        if (url.searchParams.get('client_id') !== FAKE_APP_ID || !redirectUri) {
          return json(res, 400, { code: 20001, msg: 'invalid client_id or redirect_uri' })
        }
        const back = new URL(redirectUri)
        back.searchParams.set('state', state)
        if (next) {
          const code = `fake-code-${++seq}`
          codes.set(code, { ...next, redirectUri })
          back.searchParams.set('code', code)
        } else back.searchParams.set('error', 'access_denied')
        res.writeHead(302, { location: back.toString() })
        return res.end()
      }
      if (url.pathname === '/open-apis/authen/v2/oauth/token') {
        const grant = codes.get(String(body.code))
        codes.delete(String(body.code))
        const ok =
          body.grant_type === 'authorization_code' &&
          body.client_id === FAKE_APP_ID &&
          body.client_secret === FAKE_APP_SECRET &&
          grant &&
          grant.redirectUri === body.redirect_uri
        if (!ok) return json(res, 400, { code: 20003, error: 'invalid_grant', error_description: 'code invalid' })
        const access = `u-fake-${++seq}`
        tokens.set(access, { openId: grant.openId, name: grant.name })
        return json(res, 200, { code: 0, access_token: access, token_type: 'Bearer', expires_in: 7200, scope: '' })
      }
      const user = token ? tokens.get(token) : undefined
      if (!user) return json(res, 401, { code: 99991663, msg: 'Invalid access token' })
      return json(res, 200, {
        code: 0,
        msg: 'success',
        data: { open_id: user.openId, name: user.name, tenant_key: 'fake-tenant' },
      })
    },
  }
}
