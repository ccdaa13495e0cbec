// Outbox rows as a reader of the sent messages sees them: a bulk row names its card (body `sent_card`, the model
// written once as SentCard), so its payload is read with the card put back in. Tests find messages by their text.
import type { DbOrTx } from '../../src/db/client.ts'

export interface QueuedMessage {
  id: number
  target: string
  status: string
  /** The payload JSON with the card model inlined where the row only names it. */
  payload: string
}

export async function queued(db: DbOrTx, contains: string, where: { target?: string } = {}): Promise<QueuedMessage[]> {
  const rows = await db.outbox.findMany({ where: { ...where }, orderBy: { id: 'asc' } })
  const out: QueuedMessage[] = []
  for (const row of rows) {
    const payload = JSON.parse(row.payload) as { body: { kind: string; card?: unknown }; card?: { id: string } }
    if (payload.body.kind === 'sent_card' && payload.card) {
      const sent = await db.sentCard.findUnique({ where: { id: payload.card.id } })
      if (sent) payload.body = { kind: 'card', card: JSON.parse(sent.model) }
    }
    const text = JSON.stringify(payload)
    if (text.includes(contains)) out.push({ id: row.id, target: row.target, status: row.status, payload: text })
  }
  return out
}
