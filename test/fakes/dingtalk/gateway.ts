// A fake DingTalk Stream gateway (WebSocket side), speaking the frames of developerpedia's protocol.md:
// SYSTEM ping/disconnect, CALLBACK pushes, and the client's acks `{code, headers:{messageId}, message, data}`.
// The HTTP half (POST /v1.0/gateway/connections/open → endpoint + ticket) lives in server.ts.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { type WebSocket, WebSocketServer } from 'ws'

export interface Ack {
  code: number
  headers: { messageId: string; contentType?: string }
  message: string
  data: string
}

export class FakeStreamGateway {
  readonly wss = new WebSocketServer({ noServer: true })
  readonly tickets = new Set<string>()
  readonly acks: Ack[] = []
  /** Every connection ever opened (open or closed). */
  readonly sockets: WebSocket[] = []
  private seq = 0
  private waiters: { messageId: string; resolve: (ack: Ack) => void }[] = []

  issueTicket(): string {
    const ticket = `ticket-${++this.seq}`
    this.tickets.add(ticket)
    return ticket
  }

  /** Accepts an upgrade on /connect with a fresh ticket (single use, like the real gateway). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://fake')
    const ticket = url.searchParams.get('ticket') ?? ''
    if (url.pathname !== '/connect' || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n')
      return
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.push(ws)
      ws.on('message', (raw) => this.onMessage(String(raw)))
    })
  }

  private onMessage(raw: string) {
    const ack = JSON.parse(raw) as Ack
    this.acks.push(ack)
    this.waiters = this.waiters.filter((w) => {
      if (w.messageId !== ack.headers?.messageId) return true
      w.resolve(ack)
      return false
    })
  }

  get open(): WebSocket[] {
    return this.sockets.filter((s) => s.readyState === s.OPEN)
  }

  private send(frame: Record<string, unknown>) {
    const socket = this.open.at(-1)
    if (!socket) throw new Error('no open stream connection')
    socket.send(JSON.stringify(frame))
  }

  private headers(topic: string, messageId: string) {
    return {
      appId: 'fake-app',
      connectionId: 'conn-1',
      contentType: 'application/json',
      messageId,
      time: `${Date.now()}`,
      topic,
    }
  }

  /** Pushes a CALLBACK frame (robot message or card click) and resolves with the client's ack. */
  pushCallback(topic: string, payload: unknown, timeoutMs = 5000): Promise<Ack> {
    const messageId = `msg-frame-${++this.seq}`
    const acked = this.waitForAck(messageId, timeoutMs)
    this.send({
      specVersion: '1.0',
      type: 'CALLBACK',
      headers: this.headers(topic, messageId),
      data: JSON.stringify(payload),
    })
    return acked
  }

  /** SYSTEM ping: the client must echo it with the same data. */
  ping(timeoutMs = 5000): Promise<Ack> {
    const messageId = `ping-${++this.seq}`
    const acked = this.waitForAck(messageId, timeoutMs)
    this.send({
      specVersion: '1.0',
      type: 'SYSTEM',
      headers: this.headers('ping', messageId),
      data: '{"opaque":"o-1"}',
    })
    return acked
  }

  /** SYSTEM disconnect: the real server closes the connection 10 s later; the client should reconnect first. */
  announceDisconnect(): void {
    const messageId = `sys-${++this.seq}`
    this.send({ specVersion: '1.0', type: 'SYSTEM', headers: this.headers('disconnect', messageId), data: '{}' })
  }

  /** Stops answering WebSocket pings on every open socket: a half-dead connection. */
  goSilent(): void {
    for (const socket of this.open) {
      // ws answers pings automatically; pausing the socket stops it reading (and so answering) anything.
      ;(socket as unknown as { _socket: { pause(): void } })._socket.pause()
    }
  }

  waitForAck(messageId: string, timeoutMs = 5000): Promise<Ack> {
    const found = this.acks.find((a) => a.headers?.messageId === messageId)
    if (found) return Promise.resolve(found)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${messageId}`)), timeoutMs)
      this.waiters.push({
        messageId,
        resolve: (ack) => {
          clearTimeout(timer)
          resolve(ack)
        },
      })
    })
  }

  close(): void {
    for (const socket of this.sockets) socket.terminate()
    this.wss.close()
  }
}
