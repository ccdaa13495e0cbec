// Queues thousands of messages at once (an alert's fan-out, a matching run): the same rows as `enqueueMessages`
// (outbox.repo.ts), written with multi-row INSERTs (src/db/bulk-insert.ts) in the caller's transaction. No dedupe
// keys: the caller's own state change (an alert moving to `sent`) is what makes the fan-out happen once.

import { type BulkTarget, insertRows } from '../db/bulk-insert.ts'
import type { DbOrTx } from '../db/client.ts'
import { type EnqueueInput, rowsFor } from './outbox.repo.ts'

const CARD_COLUMNS = [
  'id',
  'platform',
  'chatId',
  'userId',
  'template',
  'subject',
  'model',
  'version',
  'createdAt',
  'updatedAt',
]
const OUTBOX_COLUMNS = [
  'platform',
  'targetKind',
  'target',
  'payload',
  'status',
  'attempts',
  'nextAttemptAt',
  'createdAt',
]

export async function enqueueMessagesInBulk(
  db: DbOrTx,
  target: BulkTarget,
  inputs: EnqueueInput[],
  now = new Date(),
): Promise<void> {
  if (inputs.some((input) => input.dedupeKey)) throw new Error('enqueueMessagesInBulk: no dedupe keys')
  const rows = inputs.map((input) => rowsFor(input, { cardByReference: true }))
  const cards = rows.flatMap(({ sentCard: c }) =>
    c
      ? [[c.id, c.platform, c.chatId ?? null, c.userId ?? null, c.template, c.subject ?? null, c.model, 1, now, now]]
      : [],
  )
  await insertRows(db, target, 'SentCard', CARD_COLUMNS, cards)
  const outbox = rows.map(({ outbox: o }) => [
    o.platform,
    o.targetKind,
    o.target,
    o.payload,
    'pending',
    0,
    o.nextAttemptAt,
    now,
  ])
  await insertRows(db, target, 'Outbox', OUTBOX_COLUMNS, outbox)
}
