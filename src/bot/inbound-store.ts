// Stores inbound events before they are acknowledged (the durable de-duplication of `acceptEvent`). Events that
// arrive while a write is under way join the next one: a burst costs one multi-row
// `INSERT … ON CONFLICT DO NOTHING RETURNING` per batch instead of a statement per event. A retried delivery (same
// platform + event id) inserts nothing and is reported as a duplicate.

import { isBusyError } from '../db/busy.ts'
import type { Db } from '../db/client.ts'
import type { Provider } from '../db/provider.ts'
import type { InboundEvent } from './types.ts'

const COLUMNS = 5
/** D1 binds at most 100 parameters per statement. */
const MAX_ROWS = Math.floor(100 / COLUMNS)
const BUSY_GIVE_UP_MS = 5000

export interface InboundStoreOptions {
  /** Placeholders differ: `?` on SQLite and D1, `$n` on PostgreSQL. */
  provider: Provider
}

export interface InboundStore {
  /** The stored row's id, or null when this event was stored before (a retried delivery). */
  insert(event: InboundEvent): Promise<number | null>
}

interface Waiting {
  event: InboundEvent
  resolve(id: number | null): void
  reject(error: unknown): void
}

const keyOf = (platform: string, eventId: string) => `${platform}\u0000${eventId}`

export function createInboundStore(db: Db, options: InboundStoreOptions): InboundStore {
  let queue: Waiting[] = []
  let writing = false

  async function write(batch: Waiting[]) {
    // The same event twice in one batch (a retry racing its original): the first is inserted, the rest are duplicates.
    const first = new Map<string, Waiting>()
    for (const item of batch) {
      const key = keyOf(item.event.platform, item.event.eventId)
      if (first.has(key)) item.resolve(null)
      else first.set(key, item)
    }
    const now = new Date()
    const values = [...first.values()].flatMap(({ event }) => [
      event.platform,
      event.eventId,
      event.kind,
      JSON.stringify(event),
      now,
    ])
    const at = (n: number) => (options.provider === 'postgresql' ? `$${n}` : '?')
    const tuples = Array.from(first.values(), (_, row) => {
      const base = row * COLUMNS
      return `(${Array.from({ length: COLUMNS }, (_, column) => at(base + column + 1)).join(', ')})`
    })
    const statement = `INSERT INTO "InboundEvent" ("platform", "eventId", "kind", "payload", "receivedAt") VALUES ${tuples.join(', ')} ON CONFLICT ("platform", "eventId") DO NOTHING RETURNING "id", "platform", "eventId"`
    const started = performance.now()
    for (;;) {
      try {
        const inserted = await db.$queryRawUnsafe<{ id: number | bigint; platform: string; eventId: string }[]>(
          statement,
          ...values,
        )
        const ids = new Map(inserted.map((row) => [keyOf(row.platform, row.eventId), Number(row.id)]))
        for (const [key, item] of first) item.resolve(ids.get(key) ?? null)
        return
      } catch (error) {
        // Another connection holds the write lock (the acknowledging connection may have no busy timeout at all):
        // wait for it here, asynchronously, rather than inside SQLite, which would stall the event loop.
        if (!isBusyError(error) || performance.now() - started > BUSY_GIVE_UP_MS) {
          for (const item of first.values()) item.reject(error)
          return
        }
        // Another connection's write lasts about a millisecond: try again at the next timer tick, while the event
        // loop answers other requests (events arriving meanwhile join the next batch).
        await new Promise((resolve) => setTimeout(resolve, 1))
      }
    }
  }

  async function flush() {
    writing = true
    try {
      while (queue.length) {
        const batch = queue.slice(0, MAX_ROWS)
        queue = queue.slice(batch.length)
        await write(batch)
      }
    } finally {
      writing = false
    }
  }

  return {
    insert(event) {
      return new Promise((resolve, reject) => {
        queue.push({ event, resolve, reject })
        // The first event of a quiet spell is written at the next turn of the loop, with whatever came in beside it.
        if (!writing && queue.length === 1) setImmediate(() => void flush())
      })
    },
  }
}
