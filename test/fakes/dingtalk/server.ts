// A fake DingTalk open API on 127.0.0.1 for tests: access token, robot group / one-to-one sends, interactive-card
// createAndDeliver and update, media upload and robot images (media.ts), a robot sessionWebhook, the Stream gateway (see gateway.ts), injectable failures
// (flow control, 5xx, 401; for fault tests also an answer lost after the message was delivered, a dropped connection
// and a spell offline), and a record of every call. Shapes: docs/protocols.md, the DingTalk sections.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { answerWithFailure, type FakeFaults, failureQueue, goOffline } from '../faults.ts'
import { FakeStreamGateway } from './gateway.ts'
import { fakeMediaStore } from './media.ts'

export interface FakeCall {
  method: string
  path: string
  query: Record<string, string>
  token?: string
  body: Record<string, unknown>
  /** When the request arrived (ms since the epoch). */
  at?: number
  /** A message call (robot send, card createAndDeliver, sessionWebhook) that put a message in a chat. */
  delivered?: boolean
  /**
   * The failure injected into this call, if any (`lost`: delivered, but the answer never reached the caller;
   * `stalled`: held unanswered and not delivered).
   */
  fault?: 'failed' | 'reset' | 'lost' | 'stalled'
}

export interface InjectedFailure {
  status: number
  body: Record<string, unknown>
  headers?: Record<string, string>
  /** Process the call as usual (the message is delivered) and only then fail: the answer is lost after delivery. */
  delivered?: boolean
  /** Drop the connection instead of answering (status and body are then unused). */
  reset?: boolean
  /**
   * Hold the call this long without delivering anything, then answer with the failure (a slow platform). A caller
   * that goes away meanwhile (killed) leaves nothing delivered.
   */
  stallMs?: number
}

export const GROUP_SEND = 'POST /v1.0/robot/groupMessages/send'
export const ONE_TO_ONE_SEND = 'POST /v1.0/robot/oToMessages/batchSend'

/** The calls that put a message in a chat, and so count for flow control and for fault plans. */
export const MESSAGE_CALLS = new Set([
  GROUP_SEND,
  ONE_TO_ONE_SEND,
  'POST /v1.0/card/instances/createAndDeliver',
  'POST /robot/sendBySession',
])

/** Picks a failure for the `index`-th message call (1-based), after any queued by failNext; undefined: none. */
export type FaultPlan = (index: number, call: FakeCall) => InjectedFailure | undefined

export interface FakeDingtalkOptions {
  clientId?: string
  clientSecret?: string
}

type Json = Record<string, unknown>

/** A robot send's msgParam (a JSON string), read leniently. */
function paramOf(body: Json): Json {
  try {
    return JSON.parse(String(body.msgParam)) as Json
  } catch {
    return {}
  }
}

export async function startFakeDingtalk(options: FakeDingtalkOptions = {}) {
  const clientId = options.clientId ?? 'ding-client'
  const clientSecret = options.clientSecret ?? 'ding-secret'
  const calls: FakeCall[] = []
  const failures = failureQueue<InjectedFailure>()
  const validTokens = new Set<string>()
  const cards = new Map<string, { cardParamMap: Record<string, string>; openSpaceId: string; updates: number }>()
  const sessions = new Map<string, { expiresAt: number }>()
  const gateway = new FakeStreamGateway()
  const media = fakeMediaStore()
  let tokenSeq = 0
  let messageCalls = 0
  let plan: FaultPlan | undefined
  // Web sign-in (docs/protocols.md §DingTalk web sign-in): who opens the authorize page next, and what was issued.
  let signInNext: { userId: string; unionId: string; nick: string } | null = null
  const authCodes = new Map<string, { userId: string; unionId: string; nick: string }>()
  const userTokens = new Map<string, { userId: string; unionId: string; nick: string }>()

  const route = (
    method: string,
    path: string,
    body: Json,
    token?: string,
    query: Record<string, string> = {},
  ): [number, Json, Record<string, string>?] => {
    const key = `${method} ${path}`
    if (key === 'POST /v1.0/oauth2/userAccessToken') {
      const person = authCodes.get(String(body.code))
      authCodes.delete(String(body.code))
      const client = body.clientId === clientId && body.clientSecret === clientSecret
      if (!client || !person || body.grantType !== 'authorization_code') return [400, { code: 'invalidAuthCode' }]
      const accessToken = `user-tok-${++tokenSeq}`
      userTokens.set(accessToken, person)
      return [200, { accessToken, refreshToken: `r-${tokenSeq}`, expireIn: 7200, corpId: 'ding-corp' }]
    }
    if (key === 'GET /v1.0/contact/users/me') {
      const person = token ? userTokens.get(token) : undefined
      if (!person) return [401, { code: 'InvalidAuthentication' }]
      return [200, { nick: person.nick, unionId: person.unionId, openId: `open-${person.unionId}` }]
    }
    if (key === 'POST /topapi/user/getbyunionid') {
      if (!validTokens.has(query.access_token ?? '')) return [200, { errcode: 40014, errmsg: 'invalid access_token' }]
      const person = [...userTokens.values(), ...authCodes.values()].find((p) => p.unionId === body.unionid)
      if (!person) return [200, { errcode: 60121, errmsg: 'user not found' }]
      return [200, { errcode: 0, errmsg: 'ok', result: { contact_type: 0, userid: person.userId } }]
    }
    if (key === 'POST /v1.0/oauth2/accessToken') {
      if (body.appKey !== clientId || body.appSecret !== clientSecret) return [400, { code: 'invalidClientIdOrSecret' }]
      const accessToken = `tok-${++tokenSeq}`
      validTokens.add(accessToken)
      return [200, { accessToken, expireIn: 7200 }]
    }
    if (key === 'POST /v1.0/gateway/connections/open') {
      if (body.clientId !== clientId || body.clientSecret !== clientSecret) return [401, { code: 'unauthorized' }]
      return [200, { endpoint: `ws://127.0.0.1:${port()}/connect`, ticket: gateway.issueTicket() }]
    }
    if (path.startsWith('/robot/sendBySession')) return [200, { errcode: 0, errmsg: 'ok' }]
    if (key === 'POST /media/upload') return media.upload(body, query, validTokens.has(query.access_token ?? ''))
    if (!token || !validTokens.has(token)) return [401, { code: 'InvalidAuthentication', message: 'token invalid' }]
    if (key === GROUP_SEND || key === ONE_TO_ONE_SEND) {
      // An image message names an uploaded image (its media_id) or a URL.
      if (body.msgKey === 'sampleImageMsg' && !media.photoKnown(paramOf(body).photoURL))
        return [400, { code: 'param.photoURL.invalid', message: 'photoURL is neither an image media_id nor a URL' }]
    }
    switch (key) {
      case 'POST /v1.0/robot/groupMessages/send':
        return [200, { processQueryKey: `pqk-${calls.length}` }]
      case 'POST /v1.0/robot/oToMessages/batchSend': {
        const userIds = body.userIds as string[]
        if (!Array.isArray(userIds) || userIds.length === 0 || userIds.length > 20)
          return [400, { code: 'param.error' }]
        return [200, { processQueryKey: `pqk-${calls.length}`, flowControlledStaffIdList: [], invalidStaffIdList: [] }]
      }
      case 'POST /v1.0/card/instances/createAndDeliver': {
        const map = (body.cardData as Json | undefined)?.cardParamMap as Json | undefined
        if (!map || Object.values(map).some((v) => typeof v !== 'string')) return [400, { code: 'param.notString' }]
        const outTrackId = String(body.outTrackId)
        if (cards.has(outTrackId)) return [400, { code: 'card.outTrackId.exist', message: 'outTrackId already exists' }]
        cards.set(outTrackId, {
          cardParamMap: map as Record<string, string>,
          openSpaceId: String(body.openSpaceId),
          updates: 0,
        })
        return [200, { success: true, result: { outTrackId, deliverResults: [{ success: true }] } }]
      }
      case 'PUT /v1.0/card/instances': {
        const card = cards.get(String(body.outTrackId))
        if (!card) return [404, { code: 'card.notFound' }]
        const map = ((body.cardData as Json | undefined)?.cardParamMap ?? {}) as Record<string, string>
        if (Object.values(map).some((v) => typeof v !== 'string')) return [400, { code: 'param.notString' }]
        card.cardParamMap = { ...card.cardParamMap, ...map }
        card.updates++
        return [200, { success: true }]
      }
    }
    return [404, { code: 'notFound', message: key }]
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = new URL(req.url ?? '/', 'http://fake')
    if (url.pathname === '/oauth2/auth') {
      const back = new URL(url.searchParams.get('redirect_uri') ?? 'http://invalid/')
      back.searchParams.set('state', url.searchParams.get('state') ?? '')
      if (signInNext && url.searchParams.get('client_id') === clientId) {
        const code = `auth-code-${++tokenSeq}`
        authCodes.set(code, signInNext)
        back.searchParams.set('authCode', code)
      } else back.searchParams.set('error', 'access_denied')
      res.writeHead(302, { location: back.toString() })
      return res.end()
    }
    let body: Json = {}
    try {
      if (url.pathname === '/media/upload') body = await media.readUpload(req, Buffer.concat(chunks))
      else body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json) : {}
    } catch {
      body = {}
    }
    const token = req.headers['x-acs-dingtalk-access-token'] as string | undefined
    const call: FakeCall = {
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      token,
      body,
      at: Date.now(),
    }
    calls.push(call)
    const key = `${call.method} ${call.path}`
    const message = MESSAGE_CALLS.has(key)
    if (message) messageCalls++
    const injected = failures.take(key, message) ?? (message ? plan?.(messageCalls, call) : undefined)
    const answer = (status: number, payload: Json, headers?: Record<string, string>) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(JSON.stringify(payload))
    }
    const fail = (failure: InjectedFailure) =>
      answerWithFailure(req, res, failure, (f) => answer(f.status, f.body, f.headers))
    if (injected && !injected.delivered) {
      call.fault = injected.stallMs ? 'stalled' : injected.reset ? 'reset' : 'failed'
      return fail(injected)
    }
    const [status, payload, headers] = route(call.method, call.path, body, token, call.query)
    // Legacy endpoints (sessionWebhook) answer 200 with an errcode.
    call.delivered = message && status === 200 && !(payload.errcode !== undefined && payload.errcode !== 0)
    if (!injected) return answer(status, payload, headers)
    call.fault = 'lost'
    fail(injected)
  })
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = () => (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port()}`

  const faults: FakeFaults<InjectedFailure, FakeCall> = {
    failNext: (n, failure, endpoint) => failures.push(n, failure, endpoint),
    expireTokens: () => validTokens.clear(),
    setFaultPlan(next) {
      plan = next
    },
    offline: (ms) => goOffline(server, port(), ms),
  }

  return {
    url,
    clientId,
    clientSecret,
    calls,
    cards,
    gateway,
    /** Uploaded media by media_id, with their bytes. */
    media: media.media,
    /** The images robots delivered (sampleImageMsg): to whom (userId or group), and the uploaded file. */
    images: () =>
      calls
        .filter((c) => c.delivered && c.body.msgKey === 'sampleImageMsg')
        .map((c) => ({
          to: ((c.body.userIds as string[] | undefined)?.[0] ?? String(c.body.openConversationId)) as string,
          file: media.media.get(String(paramOf(c.body).photoURL)),
        })),
    /** The calls to one endpoint, e.g. `POST /v1.0/robot/groupMessages/send`. */
    callsTo: (key: string) => calls.filter((c) => `${c.method} ${c.path}` === key),
    /** A sessionWebhook URL for a new session, valid for `ttlMs`. */
    sessionWebhook(session = `s${sessions.size + 1}`, ttlMs = 90 * 60_000) {
      sessions.set(session, { expiresAt: Date.now() + ttlMs })
      return { url: `${url}/robot/sendBySession?session=${session}`, expiresAt: Date.now() + ttlMs }
    },
    ...faults,
    /** Who the next person to open the sign-in page is (null: they cancel). */
    signInAs(person: { userId: string; unionId: string; nick: string } | null) {
      signInNext = person
    },
    close: async () => {
      gateway.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export type FakeDingtalk = Awaited<ReturnType<typeof startFakeDingtalk>>
