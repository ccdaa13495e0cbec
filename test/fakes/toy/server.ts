// A fake of the toy platform's API on 127.0.0.1 (test/platforms/toy): it records what the bot sends, and signs the
// messages a test posts to the bot's webhook the way the platform would.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ToyMessage } from '../../platforms/toy/decode.ts'
import { signToy } from '../../platforms/toy/verify.ts'

export const TOY_TOKEN = 'toy-token-0123456789'

export interface ToySent {
  chatid?: string
  touser?: string
  msgtype: string
  content: string
}

export async function startFakeToy() {
  const sent: ToySent[] = []
  let seq = 0
  const server = createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk) => {
      raw += chunk
    })
    req.on('end', () => {
      const reply = (status: number, body: object) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
      }
      if (req.method !== 'POST' || req.url !== '/cgi-bin/message/send') return reply(404, { errcode: 404 })
      if (req.headers.authorization !== `Bearer ${TOY_TOKEN}`) return reply(401, { errcode: 40014, errmsg: 'token' })
      sent.push(JSON.parse(raw) as ToySent)
      reply(200, { errcode: 0, msgid: `toy-msg-${++seq}` })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    sent,
    /** What reached one chat, in order. */
    textsIn: (chatId: string) => sent.filter((m) => m.chatid === chatId).map((m) => m.content),
    /** Posts a message to the bot's webhook, signed with the token (or with `signature` to forge one). */
    async post(botUrl: string, message: ToyMessage, signature?: string) {
      const body = JSON.stringify(message)
      const timestamp = String(Math.floor(Date.now() / 1000))
      return fetch(`${botUrl}/webhooks/toy/callback`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-toy-timestamp': timestamp,
          'x-toy-signature': signature ?? signToy(TOY_TOKEN, timestamp, body),
        },
        body,
      })
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
export type FakeToy = Awaited<ReturnType<typeof startFakeToy>>
