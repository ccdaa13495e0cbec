// Verified Feishu payloads → neutral events. Envelopes: schema 2.0 (`header` + `event`), v1 (`uuid`, `token`,
// `type: event_callback`), url_verification, and the old-style card callback (flat body with `open_message_id`).
// Card buttons we render carry `{a: action, c: cardId, v: version, ...value}` (see render.ts).
import { z } from 'zod'
import type { BotAddedEvent, CardActionEvent, MessageEvent } from '../../bot/types.ts'
import {
  botAddedEvent,
  botAddedSchema,
  decodeMessageReceive,
  decodeV1Message,
  v1AddBotSchema,
} from './decode-message.ts'

export const challengeSchema = z.object({
  type: z.literal('url_verification'),
  challenge: z.string(),
  token: z.string().optional(),
})

export const v2EnvelopeSchema = z.object({
  schema: z.literal('2.0'),
  header: z.object({
    event_id: z.string().min(1),
    event_type: z.string().min(1),
    token: z.string().optional(),
    app_id: z.string().optional(),
    tenant_key: z.string().optional(),
    create_time: z.string().optional(),
  }),
  event: z.record(z.string(), z.unknown()),
})

export const v1EnvelopeSchema = z.object({
  uuid: z.string().min(1),
  token: z.string(),
  ts: z.string().optional(),
  type: z.literal('event_callback'),
  event: z.looseObject({ type: z.string(), app_id: z.string().optional() }),
})

const actionSchema = z.object({
  value: z.unknown().optional(),
  tag: z.string().optional(),
  name: z.string().optional(),
  form_value: z.record(z.string(), z.unknown()).nullish(),
})

export const cardTriggerSchema = z.object({
  operator: z.object({ open_id: z.string().min(1), tenant_key: z.string().nullish() }),
  token: z.string().nullish(),
  action: actionSchema,
  context: z.object({ open_message_id: z.string().nullish(), open_chat_id: z.string().nullish() }).default({}),
})

export const legacyCardSchema = z.object({
  open_id: z.string().min(1),
  tenant_key: z.string().nullish(),
  open_message_id: z.string().min(1),
  open_chat_id: z.string().nullish(),
  token: z.string().nullish(),
  action: actionSchema,
})

/** The value every callback button we render carries. */
export const buttonValueSchema = z.looseObject({
  a: z.string().min(1),
  c: z.string().optional(),
  v: z.number().int().optional(),
})

/** Which envelope a parsed body is, with what authentication needs from it. */
export type Envelope =
  | { type: 'challenge'; challenge: string; token?: string }
  | { type: 'v2'; body: z.infer<typeof v2EnvelopeSchema>; token?: string; appId?: string }
  | { type: 'v1'; body: z.infer<typeof v1EnvelopeSchema>; token: string; appId?: string }
  | { type: 'legacy_card'; body: z.infer<typeof legacyCardSchema> }

export function readEnvelope(payload: unknown): Envelope | undefined {
  const challenge = challengeSchema.safeParse(payload)
  if (challenge.success) return { type: 'challenge', challenge: challenge.data.challenge, token: challenge.data.token }
  const v2 = v2EnvelopeSchema.safeParse(payload)
  if (v2.success) return { type: 'v2', body: v2.data, token: v2.data.header.token, appId: v2.data.header.app_id }
  const v1 = v1EnvelopeSchema.safeParse(payload)
  if (v1.success) return { type: 'v1', body: v1.data, token: v1.data.token, appId: v1.data.event.app_id }
  const legacy = legacyCardSchema.safeParse(payload)
  if (legacy.success) return { type: 'legacy_card', body: legacy.data }
  return undefined
}

export type Decoded =
  | { kind: 'event'; event: MessageEvent | BotAddedEvent }
  | { kind: 'card'; event: CardActionEvent; style: 'v2' | 'legacy' }
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; reason: string }

export interface DecodeContext {
  /** The bot's own open_id, when known: only its @-mention counts in groups. */
  botOpenId?: string
  now: Date
}

function formValues(raw: Record<string, unknown> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (value === null || value === undefined) continue
    out[key] = Array.isArray(value) ? value.map(String).join(',') : typeof value === 'string' ? value : String(value)
  }
  return out
}

interface CardParts {
  eventId: string
  operator: { open_id: string; tenant_key?: string | null }
  action: z.infer<typeof actionSchema>
  chatId?: string | null
  token?: string | null
  now: Date
}

function cardAction(parts: CardParts): CardActionEvent | undefined {
  const value = buttonValueSchema.safeParse(parts.action.value)
  if (!value.success) return undefined
  const { a, c, v, ...rest } = value.data
  const userId = parts.operator.open_id
  return {
    kind: 'card_action',
    eventId: parts.eventId,
    platform: 'feishu',
    // A callback does not say whether the chat is a group; without a chat id we answer the person directly.
    chat: parts.chatId
      ? { platform: 'feishu', chatId: parts.chatId, chatType: 'group' }
      : { platform: 'feishu', chatId: userId, chatType: 'p2p' },
    receivedAt: parts.now,
    operator: { platform: 'feishu', userId, tenantKey: parts.operator.tenant_key ?? undefined },
    cardId: c,
    cardVersion: v,
    action: a,
    value: rest,
    form: formValues(parts.action.form_value),
    updateToken: parts.token ?? undefined,
  }
}

function decodeV2(body: z.infer<typeof v2EnvelopeSchema>, context: DecodeContext): Decoded {
  const { header, event } = body
  switch (header.event_type) {
    case 'im.message.receive_v1': {
      const result = decodeMessageReceive(header.event_id, event, context)
      return result.ok ? { kind: 'event', event: result.event } : { kind: 'ignored', reason: result.reason }
    }
    case 'im.chat.member.bot.added_v1': {
      const added = botAddedSchema.safeParse(event)
      if (!added.success) return { kind: 'invalid', reason: 'malformed_bot_added' }
      return { kind: 'event', event: botAddedEvent(header.event_id, added.data.chat_id, context.now) }
    }
    case 'card.action.trigger': {
      const trigger = cardTriggerSchema.safeParse(event)
      if (!trigger.success) return { kind: 'invalid', reason: 'malformed_card_action' }
      const { operator, action, context: where, token } = trigger.data
      const chatId = where.open_chat_id
      const decoded = cardAction({ eventId: header.event_id, operator, action, chatId, token, now: context.now })
      return decoded ? { kind: 'card', event: decoded, style: 'v2' } : { kind: 'ignored', reason: 'foreign_button' }
    }
    default:
      return { kind: 'ignored', reason: `unhandled_event_type:${header.event_type}` }
  }
}

function decodeV1(body: z.infer<typeof v1EnvelopeSchema>, context: DecodeContext): Decoded {
  if (body.event.type === 'message') {
    const result = decodeV1Message(body.uuid, body.event, context.now)
    return result.ok ? { kind: 'event', event: result.event } : { kind: 'ignored', reason: result.reason }
  }
  if (body.event.type === 'add_bot') {
    const added = v1AddBotSchema.safeParse(body.event)
    if (!added.success) return { kind: 'invalid', reason: 'malformed_bot_added' }
    return { kind: 'event', event: botAddedEvent(body.uuid, added.data.open_chat_id, context.now) }
  }
  return { kind: 'ignored', reason: `unhandled_event_type:${body.event.type}` }
}

/** Decodes an authenticated envelope (challenges are answered before this). */
export function decodeEnvelope(envelope: Exclude<Envelope, { type: 'challenge' }>, context: DecodeContext): Decoded {
  if (envelope.type === 'v2') return decodeV2(envelope.body, context)
  if (envelope.type === 'v1') return decodeV1(envelope.body, context)
  const body = envelope.body
  // The old callback has no event id: the message and the per-click token identify one click.
  const eventId = `legacy-card:${body.open_message_id}:${body.token ?? context.now.getTime()}`
  const decoded = cardAction({
    eventId,
    operator: body,
    action: body.action,
    chatId: body.open_chat_id,
    token: body.token,
    now: context.now,
  })
  return decoded ? { kind: 'card', event: decoded, style: 'legacy' } : { kind: 'ignored', reason: 'foreign_button' }
}
