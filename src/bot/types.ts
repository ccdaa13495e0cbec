// The neutral vocabulary of the bot. Platform adapters translate to and from these types; the core and the
// features never see a Feishu or DingTalk payload.
import { z } from 'zod'
import type { CardModel } from '../cards/model.ts'

/**
 * A platform's id: an open, validated string (`feishu`, `dingtalk`, `console`, …), so a new platform module needs no
 * change here. What a platform can do is asked of its capabilities (src/bot/capabilities.ts), never of its name.
 */
export const platformSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, 'a platform id is a short lowercase name, e.g. "feishu"')
export type Platform = z.infer<typeof platformSchema>

/** A person on a chat platform: the sender of a message or the operator of a card button. */
export const actorSchema = z.object({
  platform: platformSchema,
  /** Feishu open_id, DingTalk staff userId (senderStaffId), console user name. */
  userId: z.string().min(1),
  name: z.string().optional(),
  /** Feishu tenant_key / DingTalk corpId: a click from another tenant is refused. */
  tenantKey: z.string().optional(),
})
export type Actor = z.infer<typeof actorSchema>

export const chatSchema = z.object({
  platform: platformSchema,
  chatId: z.string().min(1),
  chatType: z.enum(['p2p', 'group']),
})
export type ChatRef = z.infer<typeof chatSchema>

/** How to answer the message that came in, where the platform offers something better than a new message. */
export const replyHintSchema = z.object({
  /** Feishu message_id to reply to. */
  messageId: z.string().optional(),
  /** DingTalk sessionWebhook and its expiry (ms epoch). */
  sessionWebhook: z.string().optional(),
  sessionWebhookExpiresAt: z.number().optional(),
})
export type ReplyHint = z.infer<typeof replyHintSchema>

const baseEvent = {
  /** The platform's own id for this delivery (Feishu event_id, DingTalk msgId, …): the de-duplication key. */
  eventId: z.string().min(1),
  platform: platformSchema,
  chat: chatSchema,
  receivedAt: z.coerce.date(),
}

export const messageEventSchema = z.object({
  ...baseEvent,
  kind: z.literal('message'),
  sender: actorSchema,
  /** Plain text with bot mentions stripped. */
  text: z.string(),
  reply: replyHintSchema.default({}),
})
export type MessageEvent = z.infer<typeof messageEventSchema>

export const cardActionEventSchema = z.object({
  ...baseEvent,
  kind: z.literal('card_action'),
  operator: actorSchema,
  /** Our own card id (SentCard.id) and the card version the button was on: every button carries both. */
  cardId: z.string().optional(),
  cardVersion: z.number().int().optional(),
  /** The action name a button carries, e.g. `ticket.approve`. */
  action: z.string().min(1),
  /** The rest of the button value (buttons render as `{a: action, c: cardId, v: version, ...value}`). */
  value: z.record(z.string(), z.unknown()).default({}),
  /** Named form inputs, when the button submitted a form. */
  form: z.record(z.string(), z.string()).default({}),
  /** Feishu delayed-update token (valid 30 min), for follow-ups slower than the 3 s callback window. */
  updateToken: z.string().optional(),
})
export type CardActionEvent = z.infer<typeof cardActionEventSchema>

export const botAddedEventSchema = z.object({
  ...baseEvent,
  kind: z.literal('bot_added'),
})
export type BotAddedEvent = z.infer<typeof botAddedEventSchema>

export const inboundEventSchema = z.discriminatedUnion('kind', [
  messageEventSchema,
  cardActionEventSchema,
  botAddedEventSchema,
])
export type InboundEvent = z.infer<typeof inboundEventSchema>

/** Where an outgoing message goes. */
export const addressSchema = z.object({
  platform: platformSchema,
  /** A chat (group or p2p chat id) … */
  chatId: z.string().optional(),
  /** … or one person (Feishu open_id, DingTalk userId). */
  userId: z.string().optional(),
})
export type Address = z.infer<typeof addressSchema>

/** A source the bot's answer is based on. */
export interface Citation {
  /** Knowledge entry id. */
  id: string
  /** Human-readable, e.g. 《质量强企千百行动方案》三、(四) */
  source: string
  title: string
}

/** One message the bot wants to send: plain text or a card. */
export type OutgoingBody = { kind: 'text'; text: string } | { kind: 'card'; card: CardModel }

/** What a card click answers at once (Feishu: `{toast, card}` within 3 s; DingTalk: the new cardParamMap). */
export interface CardActionResponse {
  toast?: { type: 'info' | 'success' | 'error' | 'warning'; text: string }
  /** The clicked card as it should look now (for everyone who sees it). */
  card?: CardModel
}
