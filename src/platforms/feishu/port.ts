// The Feishu outgoing side: one outbox row → one API call (send, reply or PATCH). Rate limits are enforced by the
// outbox dispatcher from `limits`; here we only translate Feishu's answers into retry decisions.
// Doc "频控策略": HTTP 429 / code 99991400 with x-ogw-ratelimit-reset (seconds); 230020 = chat rate limited.
import type { OutgoingBody } from '../../bot/types.ts'
import type { Logger } from '../../log.ts'
import type { DeliveryResult, OutboxMessage, PlatformPort, RateLimits } from '../../outbox/port.ts'
import type { ApiOutcome, FeishuApi, MsgType } from './api.ts'
import { cardBytes, MAX_CARD_BYTES, renderFeishuCard } from './render.ts'

/** im/v1/messages: 5 QPS per user and per group (shared by all bots), 50/s per app. */
export const FEISHU_LIMITS: RateLimits = { perTargetPerSecond: 5, perAppPerSecond: 50 }

const RATE_LIMIT_CODES = new Set([99991400, 230020])
/** Refusals that will not change on retry (bad target, bot not in chat, message too old to update …). */
const PERMANENT_CODES = new Set([230001, 230002, 230006, 230013, 230025, 230031, 230035, 230099, 99992402])
const DEFAULT_RATE_LIMIT_WAIT_MS = 1000

function content(body: OutgoingBody, cardId?: string): { msgType: MsgType; content: string } | { error: string } {
  if (body.kind === 'text') return { msgType: 'text', content: JSON.stringify({ text: body.text }) }
  const card = renderFeishuCard(cardId && !body.card.id ? { ...body.card, id: cardId } : body.card)
  const size = cardBytes(card)
  if (size > MAX_CARD_BYTES) return { error: `card_too_large:${size}` }
  return { msgType: 'interactive', content: JSON.stringify(card) }
}

export function deliveryResult(outcome: ApiOutcome): DeliveryResult {
  if (outcome.ok) {
    const data = outcome.data.data as { message_id?: unknown } | undefined
    return { ok: true, platformMessageId: typeof data?.message_id === 'string' ? data.message_id : undefined }
  }
  const error = `feishu ${outcome.status}${outcome.code === undefined ? '' : `/${outcome.code}`}: ${outcome.msg}`
  if (outcome.status === 429 || (outcome.code !== undefined && RATE_LIMIT_CODES.has(outcome.code))) {
    const waitMs = outcome.retryAfterSeconds ? outcome.retryAfterSeconds * 1000 : DEFAULT_RATE_LIMIT_WAIT_MS
    return { ok: false, retryable: true, retryAfterMs: waitMs, error }
  }
  if (outcome.code !== undefined && PERMANENT_CODES.has(outcome.code)) return { ok: false, retryable: false, error }
  // Network errors (status 0), 5xx and token trouble may pass; other 4xx are requests Feishu will never accept.
  const retryable = outcome.status === 0 || outcome.status >= 500 || outcome.status < 400
  return { ok: false, retryable, error }
}

export function createFeishuPort(api: FeishuApi, log: Logger): PlatformPort {
  async function deliver(message: OutboxMessage): Promise<DeliveryResult> {
    const rendered = content(message.body, message.card?.id)
    if ('error' in rendered) return { ok: false, retryable: false, error: rendered.error }
    // Feishu de-duplicates sends with the same uuid for an hour: a retried row does not post twice.
    const uuid = `outbox-${message.id}`
    let outcome: ApiOutcome
    if (message.card?.update) {
      if (!message.card.platformMessageId || rendered.msgType !== 'interactive') {
        return { ok: false, retryable: false, error: 'card update without a Feishu message id' }
      }
      outcome = await api.patch(message.card.platformMessageId, rendered.content)
      if (outcome.ok) return { ok: true, platformMessageId: message.card.platformMessageId }
    } else if (message.reply?.messageId) {
      outcome = await api.reply(message.reply.messageId, rendered.msgType, rendered.content, uuid)
    } else if (message.address.chatId) {
      outcome = await api.send('chat_id', message.address.chatId, rendered.msgType, rendered.content, uuid)
    } else if (message.address.userId) {
      outcome = await api.send('open_id', message.address.userId, rendered.msgType, rendered.content, uuid)
    } else {
      return { ok: false, retryable: false, error: 'no Feishu chat or user to send to' }
    }
    const result = deliveryResult(outcome)
    if (!result.ok) log.warn('feishu delivery failed', { outboxId: message.id, error: result.error })
    return result
  }
  return { platform: 'feishu', limits: FEISHU_LIMITS, deliver }
}
