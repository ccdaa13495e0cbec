// im.message.receive_v1 (v2 envelope) and the v1 `message` / `add_bot` events → neutral events.
// Field list: node-sdk typings for "im.message.receive_v1"; content is a JSON string per message_type.
import { z } from 'zod'
import type { BotAddedEvent, MessageEvent } from '../../bot/types.ts'

const idSchema = z.object({
  open_id: z.string().nullish(),
  union_id: z.string().nullish(),
  user_id: z.string().nullish(),
})

const mentionSchema = z.object({ key: z.string(), id: idSchema.default({}), name: z.string().default('') })
type Mention = z.infer<typeof mentionSchema>

export const messageReceiveSchema = z.object({
  sender: z.object({
    sender_id: idSchema.default({}),
    sender_type: z.string().default('user'),
    tenant_key: z.string().nullish(),
  }),
  message: z.object({
    message_id: z.string().min(1),
    chat_id: z.string().min(1),
    chat_type: z.string().min(1),
    message_type: z.string().min(1),
    content: z.string(),
    mentions: z.array(mentionSchema).nullish(),
  }),
})

export const botAddedSchema = z.object({ chat_id: z.string().min(1) })

export const v1MessageSchema = z.object({
  type: z.literal('message'),
  open_chat_id: z.string().min(1),
  chat_type: z.string(),
  msg_type: z.string(),
  open_id: z.string().min(1),
  open_message_id: z.string().min(1),
  tenant_key: z.string().nullish(),
  is_mention: z.boolean().nullish(),
  text: z.string().nullish(),
  text_without_at_bot: z.string().nullish(),
})

export const v1AddBotSchema = z.object({ type: z.literal('add_bot'), open_chat_id: z.string().min(1) })

export type MessageDecode = { ok: true; event: MessageEvent } | { ok: false; reason: string }

interface PostNode {
  tag?: string
  text?: string
  user_id?: string
  user_name?: string
}

/** Rich-text ("post") content, either `{title, content}` or wrapped per locale (`{zh_cn: {…}}`). */
function postText(content: unknown, renderAt: (key: string, name?: string) => string): string {
  if (!content || typeof content !== 'object') return ''
  const record = content as Record<string, unknown>
  const body = Array.isArray(record.content)
    ? record
    : (Object.values(record).find((v) => v && typeof v === 'object') ?? {})
  const { title, content: paragraphs } = body as { title?: string; content?: PostNode[][] }
  const lines = (Array.isArray(paragraphs) ? paragraphs : []).map((paragraph) =>
    (Array.isArray(paragraph) ? paragraph : [])
      .map((node) => {
        if (node.tag === 'at') return renderAt(node.user_id ?? '', node.user_name)
        return node.tag === 'text' || node.tag === 'a' || node.tag === 'md' ? (node.text ?? '') : ''
      })
      .join(''),
  )
  return [title ?? '', ...lines].filter((l) => l.trim() !== '').join('\n')
}

/** Collapses the spaces a stripped mention leaves behind, line by line. */
const tidy = (text: string) =>
  text
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .trim()

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Whether a mention is the bot. Without the bot's open_id we rely on the platform: with only the
 * `im:message.group_at_msg:readonly` scope Feishu pushes group messages only when the bot is @-mentioned. */
const isBot = (mention: Mention, botOpenId?: string) => (botOpenId ? mention.id.open_id === botOpenId : true)

export function decodeMessageReceive(
  eventId: string,
  raw: unknown,
  context: { botOpenId?: string; now: Date },
): MessageDecode {
  const parsed = messageReceiveSchema.safeParse(raw)
  if (!parsed.success) return { ok: false, reason: 'malformed_message' }
  const { sender, message } = parsed.data
  // Other bots' messages would make two bots talk to each other forever.
  if (sender.sender_type !== 'user') return { ok: false, reason: 'not_from_user' }
  const senderId = sender.sender_id.open_id
  if (!senderId) return { ok: false, reason: 'no_sender' }
  const mentions = message.mentions ?? []
  const botKeys = new Set(mentions.filter((m) => isBot(m, context.botOpenId)).map((m) => m.key))
  const chatType = message.chat_type === 'p2p' ? 'p2p' : 'group'
  if (chatType === 'group' && botKeys.size === 0) return { ok: false, reason: 'not_mentioned' }
  const renderAt = (key: string, name?: string) => {
    if (botKeys.has(key)) return ''
    const mention = mentions.find((m) => m.key === key)
    return `@${name ?? mention?.name ?? ''}`
  }
  const content = parseJson(message.content)
  let text: string
  if (message.message_type === 'text') {
    const raw = (content as { text?: unknown } | undefined)?.text
    if (typeof raw !== 'string') return { ok: false, reason: 'malformed_content' }
    text = raw.replace(/@_user_\d+/g, (key) => renderAt(key))
  } else if (message.message_type === 'post') {
    text = postText(content, renderAt)
  } else {
    return { ok: false, reason: `unsupported_message_type:${message.message_type}` }
  }
  return {
    ok: true,
    event: {
      kind: 'message',
      eventId,
      platform: 'feishu',
      chat: { platform: 'feishu', chatId: message.chat_id, chatType },
      receivedAt: context.now,
      sender: { platform: 'feishu', userId: senderId, tenantKey: sender.tenant_key ?? undefined },
      text: tidy(text),
      reply: { messageId: message.message_id },
    },
  }
}

export function decodeV1Message(eventId: string, raw: unknown, now: Date): MessageDecode {
  const parsed = v1MessageSchema.safeParse(raw)
  if (!parsed.success) return { ok: false, reason: 'malformed_message' }
  const m = parsed.data
  const chatType = m.chat_type === 'private' || m.chat_type === 'p2p' ? 'p2p' : 'group'
  if (chatType === 'group' && !m.is_mention) return { ok: false, reason: 'not_mentioned' }
  const text = m.text_without_at_bot ?? m.text
  if (typeof text !== 'string') return { ok: false, reason: `unsupported_message_type:${m.msg_type}` }
  return {
    ok: true,
    event: {
      kind: 'message',
      eventId,
      platform: 'feishu',
      chat: { platform: 'feishu', chatId: m.open_chat_id, chatType },
      receivedAt: now,
      sender: { platform: 'feishu', userId: m.open_id, tenantKey: m.tenant_key ?? undefined },
      text: text.trim(),
      reply: { messageId: m.open_message_id },
    },
  }
}

export function botAddedEvent(eventId: string, chatId: string, now: Date): BotAddedEvent {
  return {
    kind: 'bot_added',
    eventId,
    platform: 'feishu',
    chat: { platform: 'feishu', chatId, chatType: 'group' },
    receivedAt: now,
  }
}
