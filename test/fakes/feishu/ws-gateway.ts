// The long-connection side of the fake Feishu (docs/protocols.md §Feishu long connection):
// `POST /callback/ws/endpoint` hands out a ws:// URL; frames are protobuf pbbp2.Frame; the client pings (method 0,
// type=ping) and we pong with ClientConfig; events go out as method 1, type=event; the client's ACK carries
// `{code, data: base64(JSON(result))}`.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import protobuf from 'protobufjs'
import { type WebSocket, WebSocketServer } from 'ws'
import { FAKE_APP_ID, FAKE_APP_SECRET } from './server.ts'

const root = protobuf.Root.fromJSON({
  nested: {
    pbbp2: {
      nested: {
        Header: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
        Frame: {
          fields: {
            SeqID: { type: 'uint64', id: 1 },
            LogID: { type: 'uint64', id: 2 },
            service: { type: 'int32', id: 3 },
            method: { type: 'int32', id: 4 },
            headers: { rule: 'repeated', type: 'Header', id: 5 },
            payloadEncoding: { type: 'string', id: 6 },
            payloadType: { type: 'string', id: 7 },
            payload: { type: 'bytes', id: 8 },
            LogIDNew: { type: 'string', id: 9 },
          },
        },
      },
    },
  },
})
const Frame = root.lookupType('pbbp2.Frame')

interface DecodedFrame {
  method: number
  headers: { key: string; value: string }[]
  payload?: Uint8Array
}

export interface WsAck {
  code: number
  /** The handler's result, decoded from base64 JSON (undefined when the client sent none). */
  data?: Record<string, unknown>
}

export class FakeWsGateway {
  readonly wss = new WebSocketServer({ noServer: true })
  readonly sockets: WebSocket[] = []
  pings = 0
  /** Sockets whose client has pinged: the SDK attaches its frame listener just before its first ping. */
  private readonly pinged = new WeakSet<WebSocket>()
  /** When true the gateway keeps sockets open but answers nothing: a half-dead connection. */
  silent = false
  private baseUrl = ''
  private seq = 0
  private waiters = new Map<string, (ack: WsAck) => void>()

  constructor(
    readonly clientConfig = { PingInterval: 1, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0 },
  ) {}

  setBaseUrl(url: string) {
    this.baseUrl = url.replace(/^http/, 'ws')
  }

  endpointAnswer(body: Record<string, unknown>) {
    if (body.AppID !== FAKE_APP_ID || body.AppSecret !== FAKE_APP_SECRET) return { code: 514, msg: 'auth failed' }
    return {
      code: 0,
      data: { URL: `${this.baseUrl}/ws?device_id=fake-device&service_id=7`, ClientConfig: this.clientConfig },
    }
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.push(ws)
      ws.on('message', (raw) => this.onFrame(ws, Frame.decode(raw as Buffer) as unknown as DecodedFrame))
    })
  }

  get open(): WebSocket[] {
    return this.sockets.filter((s) => s.readyState === s.OPEN)
  }

  /** The newest open connection's client listens for frames (it has pinged on it). */
  get listening(): boolean {
    const socket = this.open.at(-1)
    return socket !== undefined && this.pinged.has(socket)
  }

  private onFrame(ws: WebSocket, frame: DecodedFrame) {
    const header = (key: string) => frame.headers.find((h) => h.key === key)?.value
    if (frame.method === 0 && header('type') === 'ping') {
      this.pings++
      this.pinged.add(ws)
      if (this.silent) return
      const payload = new TextEncoder().encode(JSON.stringify(this.clientConfig))
      ws.send(Frame.encode({ ...frame, headers: [{ key: 'type', value: 'pong' }], payload }).finish())
      return
    }
    if (frame.method === 1) {
      const ack = JSON.parse(new TextDecoder().decode(frame.payload)) as { code: number; data?: string }
      const data = ack.data ? JSON.parse(Buffer.from(ack.data, 'base64').toString('utf8')) : undefined
      this.waiters.get(header('message_id') ?? '')?.({ code: ack.code, data })
    }
  }

  /** Pushes a v2 event (or card.action.trigger) to the newest connection and resolves with the client's ACK. */
  push(event: Record<string, unknown>, timeoutMs = 5000): Promise<WsAck> {
    const socket = this.open.at(-1)
    if (!socket) return Promise.reject(new Error('no open long connection'))
    const messageId = `msg-${++this.seq}`
    const headers = [
      { key: 'type', value: 'event' },
      { key: 'message_id', value: messageId },
      { key: 'sum', value: '1' },
      { key: 'seq', value: '0' },
      { key: 'trace_id', value: `trace-${this.seq}` },
    ]
    const payload = new TextEncoder().encode(JSON.stringify(event))
    socket.send(Frame.encode({ SeqID: this.seq, LogID: this.seq, service: 7, method: 1, headers, payload }).finish())
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ACK for ${messageId}`)), timeoutMs)
      this.waiters.set(messageId, (ack) => {
        clearTimeout(timer)
        resolve(ack)
      })
    })
  }

  close() {
    for (const socket of this.sockets) socket.terminate()
    this.wss.close()
  }
}
