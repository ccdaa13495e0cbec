// DINGTALK_MODE=stream: one long connection (dingtalk-stream DWClient) carrying robot messages and card clicks into
// the same path as the HTTP routes. Node only (index.ts imports this file lazily, so Workers never load ws/axios).
// We keep the SDK for framing and acks but own the connection's life, because of three known faults
// (docs/protocols.md §DingTalk Stream mode): its subscription list is shared by every DWClient in the process,
// its reconnect loop leaks heartbeat timers, and it goes silent without noticing. Hence: our own subscription
// array and a one-client-per-process guard, autoReconnect/keepAlive off, and a watchdog that pings, watches for
// silence and the server's `disconnect` frame, and reconnects with back-off.
import { DWClient, type DWClientDownStream } from 'dingtalk-stream'
import type WebSocket from 'ws'
import type { BotCore } from '../../bot/core.ts'
import type { CoreDeps } from '../../deps.ts'
import { AppError } from '../../errors.ts'
import { registerTopics, TOPIC_CARD, TOPIC_ROBOT } from './stream-topics.ts'

export interface DingtalkStreamOptions {
  clientId: string
  clientSecret: string
  /** The gateway is `${apiBaseUrl}/v1.0/gateway/connections/open` (the SDK hard-codes api.dingtalk.com). */
  apiBaseUrl: string
  core: BotCore
  fetch?: typeof fetch
  /** Reconnect when nothing (frame or pong) arrived for this long. */
  idleMs?: number
  /** Send a WebSocket ping this often so a quiet, healthy connection still shows signs of life. */
  pingEveryMs?: number
  reconnectMinMs?: number
  reconnectMaxMs?: number
}

export interface DingtalkStream {
  start(): Promise<void>
  stop(): Promise<void>
  readonly connects: number
}

/** The SDK's private parts we drive (declared private in its types, plain fields at runtime). */
interface ClientInternals {
  dw_url?: string
  socket?: WebSocket
  _connect(): Promise<void>
  onDownStream(data: string): void
  onSystem(frame: DWClientDownStream): void
  disconnect(): void
}

/** DWClient instances share state (see above): at most one live client per process. */
let activeStream: DingtalkStream | null = null

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export function createDingtalkStream(deps: CoreDeps, options: DingtalkStreamOptions): DingtalkStream {
  const log = deps.log.child({ component: 'dingtalk-stream' })
  const doFetch = options.fetch ?? fetch
  const idleMs = options.idleMs ?? 90_000
  const pingEveryMs = options.pingEveryMs ?? 20_000
  const subscriptions = [
    { type: 'CALLBACK', topic: TOPIC_ROBOT },
    { type: 'CALLBACK', topic: TOPIC_CARD },
  ]
  // `subscriptions` and `autoReconnect` are read by the JS but missing from the constructor's type.
  const sdkOptions = { clientId: options.clientId, clientSecret: options.clientSecret, keepAlive: false }
  const client = new DWClient({ ...sdkOptions, autoReconnect: false, subscriptions } as typeof sdkOptions)
  const sdk = client as unknown as ClientInternals
  let stopping = false
  let reconnecting = false
  let lastActivity = Date.now()
  let lastPing = Date.now()
  let watchdog: ReturnType<typeof setInterval> | undefined
  let connects = 0

  registerTopics(client, deps, options.core, log)

  // Every frame counts as a sign of life; a malformed frame is logged instead of crashing the process.
  const onDownStream = sdk.onDownStream.bind(client)
  sdk.onDownStream = (data: string) => {
    lastActivity = Date.now()
    try {
      onDownStream(data)
    } catch (error) {
      log.warn('stream frame not understood', { error })
    }
  }
  const onSystem = sdk.onSystem.bind(client)
  sdk.onSystem = (frame: DWClientDownStream) => {
    onSystem(frame)
    // The server announces it will close this connection in ~10 s: open a new one now.
    if (frame.headers.topic === 'disconnect') void reconnect('server disconnect')
  }

  async function openGateway(): Promise<void> {
    const res = await doFetch(`${options.apiBaseUrl}/v1.0/gateway/connections/open`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        subscriptions,
        ua: 'qsb',
      }),
    })
    const body = (await res.json().catch(() => ({}))) as { endpoint?: string; ticket?: string }
    if (!res.ok || !body.endpoint || !body.ticket) throw new Error(`gateway open failed: HTTP ${res.status}`)
    sdk.dw_url = `${body.endpoint}?ticket=${encodeURIComponent(body.ticket)}`
  }

  async function connectOnce(): Promise<void> {
    await openGateway()
    await sdk._connect()
    const socket = sdk.socket
    socket?.on('pong', () => {
      lastActivity = Date.now()
    })
    socket?.on('close', () => {
      if (!stopping && socket === sdk.socket) void reconnect('socket closed')
    })
    lastActivity = Date.now()
    connects++
    log.info('dingtalk stream connected', { connects })
  }

  async function connectWithRetry(): Promise<void> {
    let delay = options.reconnectMinMs ?? 1000
    while (!stopping) {
      try {
        return await connectOnce()
      } catch (error) {
        log.warn('dingtalk stream connect failed', { error, retryInMs: delay })
        await sleep(delay)
        delay = Math.min(delay * 2, options.reconnectMaxMs ?? 60_000)
      }
    }
  }

  async function reconnect(reason: string): Promise<void> {
    if (stopping || reconnecting) return
    reconnecting = true
    log.warn('dingtalk stream reconnecting', { reason })
    const old = sdk.socket
    try {
      old?.removeAllListeners('close')
      old?.terminate()
      await connectWithRetry()
    } finally {
      reconnecting = false
    }
  }

  function check() {
    const socket = sdk.socket
    if (stopping || reconnecting || !socket) return
    const now = Date.now()
    if (now - lastActivity > idleMs) return void reconnect(`silent for ${now - lastActivity} ms`)
    if (now - lastPing >= pingEveryMs && socket.readyState === socket.OPEN) {
      lastPing = now
      socket.ping()
    }
  }

  const stream: DingtalkStream = {
    get connects() {
      return connects
    },
    async start() {
      if (activeStream && activeStream !== stream) {
        throw new AppError('config_invalid', 'a DingTalk Stream client is already running in this process')
      }
      activeStream = stream
      stopping = false
      try {
        await connectOnce()
      } catch (error) {
        // Do not hold up the process start: keep trying in the background.
        log.warn('dingtalk stream first connect failed', { error })
        void reconnect('first connect failed')
      }
      watchdog = setInterval(check, Math.max(50, Math.min(pingEveryMs, idleMs) / 4))
      watchdog.unref?.()
    },
    async stop() {
      stopping = true
      if (watchdog) clearInterval(watchdog)
      sdk.socket?.removeAllListeners('close')
      sdk.disconnect()
      if (activeStream === stream) activeStream = null
    },
  }
  return stream
}
