// Toy platform, the way out: text as text, a card as one markdown message. Nothing is edited in place: a card's
// later look goes out as a new message (the platform declares inPlaceCardUpdate: false).
import type { PlatformPort } from '../../../src/outbox/port.ts'
import type { ToyApi } from './api.ts'
import { TOY } from './decode.ts'
import { renderToyCard } from './render.ts'

export function createToyPort(api: ToyApi): PlatformPort {
  return {
    platform: TOY,
    limits: { perTargetPerSecond: 20, perAppPerSecond: 100 },
    async deliver(message) {
      const to = message.address.chatId ? { chatid: message.address.chatId } : { touser: message.address.userId }
      const body = message.body
      const sent = await api.send(
        body.kind === 'text'
          ? { ...to, msgtype: 'text', content: body.text }
          : { ...to, msgtype: 'markdown', content: renderToyCard(body.card) },
      )
      if (sent.ok) return { ok: true, platformMessageId: sent.msgid }
      return { ok: false, retryable: sent.status >= 500, error: sent.error }
    },
  }
}
