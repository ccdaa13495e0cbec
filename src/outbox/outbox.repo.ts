// Writing to the outbox. Call these inside the same transaction as the state change that causes the message,
// so a message that must reach a person is stored before the request that caused it returns.
import { z } from 'zod'
import { type ImagePart, imagePartSchema } from '../bot/images.ts'
import { type Address, addressSchema, type OutgoingBody, type ReplyHint, replyHintSchema } from '../bot/types.ts'
import { type CardModel, cardModelSchema } from '../cards/model.ts'
import type { DbOrTx } from '../db/client.ts'

/** What an outbox row's payload holds (JSON). */
export const outboxPayloadSchema = z.object({
  address: addressSchema,
  body: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('text'), text: z.string() }),
    z.object({ kind: z.literal('card'), card: cardModelSchema }),
    z.object({ kind: z.literal('image'), image: imagePartSchema }),
    /** The card stored as SentCard `card.id` (bulk sends: the model is written once, not twice). */
    z.object({ kind: z.literal('sent_card') }),
  ]),
  reply: replyHintSchema.optional(),
  card: z.object({ id: z.string(), update: z.boolean() }).optional(),
})
export type OutboxPayload = z.infer<typeof outboxPayloadSchema>

/**
 * What a row may send: a handler's text or card, or an image (a chart after its card) that the dispatcher draws when
 * it sends the row (src/bot/images.ts) and hands to the port's `deliverImage`.
 */
export type OutboxBody = OutgoingBody | { kind: 'image'; image: ImagePart }

export interface EnqueueInput {
  address: Address
  body: OutboxBody
  reply?: ReplyHint
  /** The same key is enqueued once (e.g. `ticket:12:assigned`). */
  dedupeKey?: string
  /**
   * Who sees a card sent to a one-to-one chat (SentCard.userId beside its chatId; the address is unchanged), so the
   * copies one person was sent, by chat or directly, are known as theirs (src/features/tickets/ticket.refresh.ts).
   */
  viewer?: string
  /** Not before this instant (a digest at the person's chosen time, after their quiet hours); default now. */
  deliverAt?: Date
}

/** 18 random hex digits: unguessable, so a forged button cannot address someone else's card. */
export const newCardId = () =>
  `crd_${Array.from(crypto.getRandomValues(new Uint8Array(9)), (b) => b.toString(16).padStart(2, '0')).join('')}`

/** A new row is due at once, whatever the dispatcher's clock says (tests move it; instances may drift). */
const DUE_NOW = new Date(0)

const targetOf = (address: Address) => address.chatId ?? address.userId ?? ''

/** The rows one outgoing message needs: its outbox row, and for a card the SentCard that clicks will find. */
export function rowsFor(input: EnqueueInput, options: { cardByReference?: boolean } = {}) {
  let body: OutboxPayload['body'] = input.body
  let card: OutboxPayload['card']
  let sentCard: Parameters<DbOrTx['sentCard']['create']>[0]['data'] | undefined
  if (body.kind === 'card') {
    const id = newCardId()
    const model: CardModel = { ...body.card, id, version: 1 }
    sentCard = {
      id,
      platform: input.address.platform,
      chatId: input.address.chatId ?? null,
      userId: input.address.userId ?? input.viewer ?? null,
      template: model.template,
      subject: model.subject ?? null,
      model: JSON.stringify(model),
    }
    // The dispatcher sends a card as its SentCard is at that moment anyway; a bulk send (thousands of copies of
    // an alert) leaves the model out of the payload and halves what it writes.
    body = options.cardByReference ? { kind: 'sent_card' } : { kind: 'card', card: model }
    card = { id, update: false }
  }
  const payload: OutboxPayload = { address: input.address, body, reply: input.reply, card }
  const outbox = {
    platform: input.address.platform,
    targetKind: input.address.chatId ? 'chat' : 'user',
    target: targetOf(input.address),
    payload: JSON.stringify(payload),
    dedupeKey: input.dedupeKey ?? null,
    nextAttemptAt: input.deliverAt ?? DUE_NOW,
  }
  return { sentCard, outbox, cardId: card?.id }
}

/** Stores one outgoing message. Cards get a SentCard row so later clicks and updates can find them. */
export async function enqueueMessage(db: DbOrTx, input: EnqueueInput): Promise<{ outboxId: number; cardId?: string }> {
  if (input.dedupeKey) {
    const existing = await db.outbox.findUnique({ where: { dedupeKey: input.dedupeKey } })
    if (existing) return { outboxId: existing.id }
  }
  const { sentCard, outbox, cardId } = rowsFor(input)
  if (sentCard) await db.sentCard.create({ data: sentCard })
  const row = await db.outbox.create({ data: outbox })
  return { outboxId: row.id, cardId }
}

/**
 * Stores many messages in two statements (the replies of a batch of events), in order. Messages with a dedupe key
 * need `enqueueMessage`, which looks the key up first.
 */
export async function enqueueMessages(db: DbOrTx, inputs: EnqueueInput[]): Promise<void> {
  if (inputs.some((input) => input.dedupeKey)) throw new Error('enqueueMessages: use enqueueMessage for dedupe keys')
  const rows = inputs.map((input) => rowsFor(input))
  const sentCards = rows.flatMap((row) => (row.sentCard ? [row.sentCard] : []))
  if (sentCards.length) await db.sentCard.createMany({ data: sentCards })
  if (rows.length) await db.outbox.createMany({ data: rows.map((row) => row.outbox) })
}

/**
 * Stores many messages that each have a dedupe key, in a few statements: the keys already queued are looked up in
 * one read and left out (a job run again after a crash queues only what is missing). For one writer at a time (a
 * job holding its period, src/jobs/run-job.ts): two writers racing on one key would fail on the unique key.
 * Returns how many were new.
 */
export async function enqueueMessagesOnce(
  db: DbOrTx,
  inputs: (EnqueueInput & { dedupeKey: string })[],
  chunk = 500,
): Promise<number> {
  let added = 0
  for (let i = 0; i < inputs.length; i += chunk) {
    const part = inputs.slice(i, i + chunk)
    const queued = await db.outbox.findMany({
      where: { dedupeKey: { in: part.map((input) => input.dedupeKey) } },
      select: { dedupeKey: true },
    })
    const seen = new Set(queued.map((row) => row.dedupeKey))
    const rows = part.filter((input) => !seen.has(input.dedupeKey)).map((input) => rowsFor(input))
    const sentCards = rows.flatMap((row) => (row.sentCard ? [row.sentCard] : []))
    if (sentCards.length) await db.sentCard.createMany({ data: sentCards })
    if (rows.length) await db.outbox.createMany({ data: rows.map((row) => row.outbox) })
    added += rows.length
  }
  return added
}

export interface SentCardView {
  id: string
  platform: string
  chatId: string | null
  userId: string | null
  template: string
  version: number
  model: CardModel
}

export async function findSentCard(db: DbOrTx, id: string): Promise<SentCardView | null> {
  const row = await db.sentCard.findUnique({ where: { id } })
  if (!row) return null
  return { ...row, model: cardModelSchema.parse(JSON.parse(row.model)) }
}

/**
 * Saves a new version of a sent card (optimistic: only if it is still at `expectedVersion`) and, unless the
 * platform already shows it (a click's synchronous answer), queues an in-place update. Returns null when another
 * change got there first.
 */
export async function updateSentCard(
  db: DbOrTx,
  id: string,
  expectedVersion: number,
  next: CardModel,
  options: { push: boolean },
): Promise<CardModel | null> {
  const version = expectedVersion + 1
  const model: CardModel = { ...next, id, version }
  const { count } = await db.sentCard.updateMany({
    where: { id, version: expectedVersion },
    data: { version, model: JSON.stringify(model), template: model.template },
  })
  if (count === 0) return null
  if (options.push) {
    const row = await db.sentCard.findUniqueOrThrow({ where: { id } })
    const address: Address = {
      platform: row.platform as Address['platform'],
      chatId: row.chatId ?? undefined,
      // A card in a chat goes back to the chat; its userId only names who sees it there.
      userId: row.chatId ? undefined : (row.userId ?? undefined),
    }
    const payload: OutboxPayload = { address, body: { kind: 'card', card: model }, card: { id, update: true } }
    await db.outbox.create({
      data: {
        platform: row.platform,
        targetKind: 'card_update',
        target: id,
        payload: JSON.stringify(payload),
        nextAttemptAt: DUE_NOW,
      },
    })
  }
  return model
}
