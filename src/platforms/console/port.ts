// The console platform's way out: delivered messages land in an in-process inbox that the terminal chat, the
// `ask` command and the HTTP simulator read. Same outbox, same rendering, no credentials.
import type { OutboxMessage, PlatformPort } from '../../outbox/port.ts'

/** A long-running simulator must not grow without bound: older undelivered-to-anyone messages are dropped. */
const KEEP = 1000

export interface ConsoleInbox {
  /** Every message delivered and not yet taken, in order. */
  readonly delivered: OutboxMessage[]
  /** Returns and forgets what was delivered to this chat or person (to anyone when both are omitted). */
  take(to?: { chatId?: string; userId?: string }): OutboxMessage[]
  /** Messages not yet shown to anyone as a side note ("已通知 …"); they stay for their recipient to take. */
  unannounced(): OutboxMessage[]
}

export function createConsolePort(
  onDeliver?: (message: OutboxMessage) => void,
): PlatformPort & { inbox: ConsoleInbox } {
  let delivered: OutboxMessage[] = []
  const announced = new Set<number>()
  const inbox: ConsoleInbox = {
    get delivered() {
      return delivered
    },
    take(to) {
      const mine = delivered.filter(
        (m) =>
          !to ||
          (to.chatId !== undefined && m.address.chatId === to.chatId) ||
          (to.userId !== undefined && m.address.userId === to.userId),
      )
      delivered = delivered.filter((m) => !mine.includes(m))
      return mine
    },
    unannounced() {
      const fresh = delivered.filter((m) => !announced.has(m.id))
      for (const m of fresh) announced.add(m.id)
      return fresh
    },
  }
  return {
    platform: 'console',
    limits: { perTargetPerSecond: 1000, perAppPerSecond: 10_000 },
    inbox,
    async deliver(message) {
      delivered.push(message)
      if (delivered.length > KEEP) delivered = delivered.slice(-KEEP)
      onDeliver?.(message)
      return { ok: true, platformMessageId: `console-${message.id}` }
    },
  }
}
