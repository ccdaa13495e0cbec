// Toy platform, decoding: its JSON message → the neutral MessageEvent. Only text messages are handled.
import { z } from 'zod'
import type { MessageEvent } from '../../../src/bot/types.ts'

export const TOY = 'toy'

const messageSchema = z.object({
  MsgId: z.string().min(1),
  MsgType: z.string(),
  ChatId: z.string().min(1),
  ChatType: z.enum(['single', 'group']),
  From: z.object({ UserId: z.string().min(1), Name: z.string().optional() }),
  Text: z.object({ Content: z.string() }).optional(),
})
export type ToyMessage = z.input<typeof messageSchema>

export type Decoded =
  | { kind: 'event'; event: MessageEvent }
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; reason: string }

export function decodeToy(body: unknown, now: Date): Decoded {
  const parsed = messageSchema.safeParse(body)
  if (!parsed.success) return { kind: 'invalid', reason: parsed.error.issues[0]?.message ?? 'invalid message' }
  const m = parsed.data
  if (m.MsgType !== 'text' || !m.Text) return { kind: 'ignored', reason: `msgtype ${m.MsgType}` }
  const chat = { platform: TOY, chatId: m.ChatId, chatType: m.ChatType === 'single' ? 'p2p' : 'group' } as const
  return {
    kind: 'event',
    event: {
      kind: 'message',
      eventId: m.MsgId,
      platform: TOY,
      chat,
      receivedAt: now,
      sender: { platform: TOY, userId: m.From.UserId, name: m.From.Name },
      text: m.Text.Content.trim(),
      reply: {},
    },
  }
}
