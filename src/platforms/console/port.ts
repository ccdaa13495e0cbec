// The console platform's way out: delivered messages land in an in-process inbox that the terminal chat, the
// `ask` command and the HTTP simulator read. Same outbox, same rendering, no credentials.
import type { OutboxMessage, PlatformPort } from '../../outbox/port.ts'

export interface ConsoleInbox {
  /** Every message delivered so far, in order. */
  readonly delivered: OutboxMessage[]
  /** Returns and forgets what was delivered to `chatId` (or to anyone when omitted). */
  take(chatId?: string): OutboxMessage[]
}

export function createConsolePort(
  onDeliver?: (message: OutboxMessage) => void,
): PlatformPort & { inbox: ConsoleInbox } {
  let delivered: OutboxMessage[] = []
  const inbox: ConsoleInbox = {
    get delivered() {
      return delivered
    },
    take(chatId) {
      const mine = delivered.filter((m) => chatId === undefined || m.address.chatId === chatId)
      delivered = delivered.filter((m) => !mine.includes(m))
      return mine
    },
  }
  return {
    platform: 'console',
    limits: { perTargetPerSecond: 1000, perAppPerSecond: 10_000 },
    inbox,
    async deliver(message) {
      delivered.push(message)
      onDeliver?.(message)
      return { ok: true, platformMessageId: `console-${message.id}` }
    },
  }
}
