// DingTalk payloads → neutral events. Robot messages (HTTP body or Stream CALLBACK data on /v1.0/im/bot/messages/get)
// and card callbacks (HTTP body or Stream data on /v1.0/card/instances/callback) are checked with zod here, so
// nothing past this file sees a DingTalk shape. Payload facts: docs/protocols.md §DingTalk robot callbacks and
// §DingTalk interactive cards.
import { z } from 'zod'
import type { CardActionEvent, MessageEvent } from '../../bot/types.ts'

export const robotMessageSchema = z.object({
  msgId: z.string().min(1),
  msgtype: z.string(),
  text: z.object({ content: z.string() }).optional(),
  /** A STRING: "1" single chat, "2" group. */
  conversationType: z.enum(['1', '2']),
  conversationId: z.string().min(1),
  conversationTitle: z.string().optional(),
  senderId: z.string().optional(),
  senderNick: z.string().optional(),
  senderCorpId: z.string().optional(),
  senderStaffId: z.string().optional(),
  chatbotCorpId: z.string().optional(),
  robotCode: z.string().optional(),
  sessionWebhook: z.string().url().optional(),
  sessionWebhookExpiredTime: z.number().optional(),
  createAt: z.number().optional(),
})
export type RobotMessage = z.infer<typeof robotMessageSchema>

/**
 * A single chat's conversationId cannot address anything in the open API (group send and IM_GROUP cards need a
 * group; one-to-one sends and IM_ROBOT cards take the userId). So the neutral chat id of a person's chat with the
 * robot is their userId behind this prefix, and port.ts routes it to the one-to-one APIs.
 */
export const USER_CHAT_PREFIX = 'user:'
export const userChatId = (userId: string) => `${USER_CHAT_PREFIX}${userId}`

export type DecodeResult<T> =
  | { kind: 'event'; event: T }
  /** Well-formed but nothing for the bot (a picture, a message with no sender id): acknowledge and drop. */
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; reason: string }

export function decodeRobotMessage(body: unknown, now: Date): DecodeResult<MessageEvent> {
  const parsed = robotMessageSchema.safeParse(body)
  if (!parsed.success) return { kind: 'invalid', reason: parsed.error.issues[0]?.message ?? 'invalid robot message' }
  const m = parsed.data
  if (m.msgtype !== 'text' || !m.text) return { kind: 'ignored', reason: `msgtype ${m.msgtype} is not handled` }
  // senderStaffId is the corp userId the APIs take; people outside the corp only have the opaque senderId.
  const userId = m.senderStaffId ?? m.senderId
  if (!userId) return { kind: 'ignored', reason: 'message without a sender id' }
  const p2p = m.conversationType === '1'
  const event: MessageEvent = {
    kind: 'message',
    eventId: m.msgId,
    platform: 'dingtalk',
    chat: {
      platform: 'dingtalk',
      chatId: p2p ? userChatId(userId) : m.conversationId,
      chatType: p2p ? 'p2p' : 'group',
    },
    receivedAt: now,
    sender: { platform: 'dingtalk', userId, name: m.senderNick, tenantKey: m.senderCorpId ?? m.chatbotCorpId },
    // DingTalk removes the @robot mention itself but leaves the space that followed it.
    text: m.text.content.trim(),
    reply: { sessionWebhook: m.sessionWebhook, sessionWebhookExpiresAt: m.sessionWebhookExpiredTime },
  }
  return { kind: 'event', event }
}

const jsonString = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not JSON' })
    return z.NEVER
  }
})

export const cardCallbackSchema = z.object({
  type: z.string().optional(),
  outTrackId: z.string().min(1),
  userId: z.string().min(1),
  corpId: z.string().optional(),
  spaceType: z.string().optional(),
  spaceId: z.string().optional(),
  value: jsonString.optional(),
  content: jsonString.optional(),
})

const cardPrivateDataSchema = z.object({
  cardPrivateData: z.object({
    actionIds: z.array(z.string()).default([]),
    params: z.record(z.string(), z.unknown()).default({}),
  }),
})

/** Reserved button param keys: action, card id, card version, and `x` (JSON of extra values, see render.ts). */
const RESERVED = new Set(['a', 'c', 'v', 'x'])

function buttonValue(params: Record<string, unknown>): Record<string, unknown> {
  const value: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(params)) if (!RESERVED.has(key)) value[key] = v
  if (typeof params.x === 'string' && params.x) {
    try {
      const extra: unknown = JSON.parse(params.x)
      if (extra && typeof extra === 'object' && !Array.isArray(extra)) Object.assign(value, extra)
    } catch {
      // A template variable left empty or edited by hand: the named params above still count.
    }
  }
  return value
}

export function decodeCardCallback(body: unknown, now: Date): DecodeResult<CardActionEvent> {
  const parsed = cardCallbackSchema.safeParse(body)
  if (!parsed.success) return { kind: 'invalid', reason: parsed.error.issues[0]?.message ?? 'invalid card callback' }
  const cb = parsed.data
  const inner = cardPrivateDataSchema.safeParse(cb.value ?? cb.content)
  if (!inner.success) return { kind: 'invalid', reason: 'card callback without cardPrivateData' }
  const { actionIds, params } = inner.data.cardPrivateData
  const action = typeof params.a === 'string' ? params.a : ''
  if (!action) return { kind: 'ignored', reason: 'button without an action' }
  const version = Number(params.v)
  // outTrackId is our card id and DingTalk vouches for it; a button claiming another card is a forgery or a bug.
  if (typeof params.c === 'string' && params.c && params.c !== cb.outTrackId) {
    return { kind: 'invalid', reason: 'button card id does not match outTrackId' }
  }
  const value = buttonValue(params)
  // DingTalk gives card callbacks no delivery id. The same person pressing the same button on the same card version
  // is the same decision, so that is the de-duplication key (a Stream re-push yields the same key too).
  const eventId = `card:${cb.outTrackId}:${cb.userId}:${actionIds.join(',')}:${action}:${params.v ?? ''}`
  const event: CardActionEvent = {
    kind: 'card_action',
    eventId: eventId.slice(0, 250),
    platform: 'dingtalk',
    // Provisional: the callback does not name the chat reliably (spaceId is often empty); receive.ts replaces it
    // with the chat the card was sent to (SentCard), found through outTrackId.
    chat: {
      platform: 'dingtalk',
      chatId: cb.spaceId || cb.outTrackId,
      chatType: cb.spaceType?.includes('ROBOT') ? 'p2p' : 'group',
    },
    receivedAt: now,
    operator: { platform: 'dingtalk', userId: cb.userId, tenantKey: cb.corpId },
    cardId: cb.outTrackId,
    cardVersion: Number.isInteger(version) && version > 0 ? version : undefined,
    action,
    value,
    form: {},
  }
  return { kind: 'event', event }
}
