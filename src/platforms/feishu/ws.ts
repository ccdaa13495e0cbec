// FEISHU_MODE=ws: the SDK's WSClient receives events and card callbacks over a long connection (no public URL
// needed) and hands every payload, unflattened, to `receive`; what `receive` returns travels back in the frame's ACK
// (that is how a card callback's {toast, card} reaches the clicker). Protocol facts:
// docs/protocols.md §Feishu long connection.
// Watchdog: the SDK only reconnects when the socket closes, and long connections are known to go quiet without
// closing; any inbound frame (pong, event) is proof of life, and after `silenceMs` without one we rebuild the client.
import * as lark from '@larksuiteoapi/node-sdk'
import type { Logger } from '../../log.ts'
import { createFetchHttpInstance } from './sdk-http.ts'

export interface FeishuWsOptions {
  appId: string
  appSecret: string
  baseUrl: string
  log: Logger
  /** Handles one plaintext v2 payload; the result (if any) is the ACK's data. Throwing makes Feishu re-push. */
  receive(payload: unknown): Promise<Record<string, unknown> | undefined>
  /** No inbound frame for this long → reconnect. Default 5 min (Feishu pings every 120 s by default). */
  silenceMs?: number
  /** SDK pong watchdog after each ping, seconds. */
  pingTimeoutSec?: number
  now?: () => number
}

interface SocketLike {
  on(event: 'message', listener: () => void): void
}

export interface FeishuWs {
  start(): Promise<void>
  stop(): Promise<void>
  /** Tears the connection down and connects again (the watchdog's remedy; exposed for tests and ops). */
  reconnect(reason: string): Promise<void>
  lastInboundAt(): number
}

export function createFeishuWs(options: FeishuWsOptions): FeishuWs {
  const now = options.now ?? Date.now
  const silenceMs = options.silenceMs ?? 5 * 60_000
  let client: lark.WSClient | undefined
  let watchdog: ReturnType<typeof setInterval> | undefined
  let lastInbound = now()
  let generation = 0

  const dispatcher = {
    invoke: async (data: unknown) => {
      lastInbound = now()
      return options.receive(data)
    },
  } as unknown as lark.EventDispatcher

  /** Every frame, including pongs, counts as life. The socket is private SDK state, so access is best effort. */
  function watchSocket(ws: lark.WSClient, mine: number) {
    const socket = (ws as unknown as { wsConfig?: { getWSInstance?: () => SocketLike | undefined } }).wsConfig
    const instance = socket?.getWSInstance?.()
    lastInbound = now()
    instance?.on('message', () => {
      if (mine === generation) lastInbound = now()
    })
  }

  async function connect() {
    const mine = ++generation
    const ws = new lark.WSClient({
      appId: options.appId,
      appSecret: options.appSecret,
      domain: options.baseUrl,
      httpInstance: createFetchHttpInstance(),
      loggerLevel: lark.LoggerLevel.warn,
      autoReconnect: true,
      handshakeTimeoutMs: 15_000,
      wsConfig: { pingTimeout: options.pingTimeoutSec ?? 30 },
      onReady: () => {
        options.log.info('feishu long connection ready')
        watchSocket(ws, mine)
      },
      onReconnected: () => {
        options.log.info('feishu long connection re-established')
        watchSocket(ws, mine)
      },
      onError: (error) => options.log.error('feishu long connection failed', { error }),
    })
    client = ws
    lastInbound = now()
    await ws.start({ eventDispatcher: dispatcher })
  }

  let reconnecting = false
  async function reconnect(reason: string) {
    if (reconnecting) return
    reconnecting = true
    options.log.warn('feishu long connection reconnecting', { reason })
    try {
      client?.close({ force: true })
      client = undefined
      await connect()
    } finally {
      reconnecting = false
    }
  }

  return {
    async start() {
      await connect()
      watchdog = setInterval(
        () => {
          const state = client?.getConnectionStatus().state
          if (state === 'failed') void reconnect('client gave up')
          else if (now() - lastInbound > silenceMs)
            void reconnect(`silent for ${Math.round((now() - lastInbound) / 1000)} s`)
        },
        Math.max(1000, Math.floor(silenceMs / 4)),
      )
      watchdog.unref?.()
    },
    async stop() {
      if (watchdog) clearInterval(watchdog)
      watchdog = undefined
      generation++
      client?.close({ force: true })
      client = undefined
    },
    reconnect,
    lastInboundAt: () => lastInbound,
  }
}
