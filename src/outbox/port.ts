// The port every platform implements for the way out. The outbox dispatcher is its only caller.
import type { Address, OutgoingBody, Platform, ReplyHint } from '../bot/types.ts'

/** One outbox row, as the platform sees it. */
export interface OutboxMessage {
  /** Outbox row id: stable across retries (use it as the platform's idempotency key where one exists). */
  id: number
  address: Address
  body: OutgoingBody
  /** Reply to the inbound message where the platform allows it (Feishu reply API, DingTalk sessionWebhook). */
  reply?: ReplyHint
  /** Set for cards: our card id, and for an in-place update the platform's message id of the card. */
  card?: { id: string; update: boolean; platformMessageId?: string }
}

/** An image row, drawn: the PNG the port sends as a message of its own. */
export interface OutboxImage {
  /** Outbox row id, as for OutboxMessage. */
  id: number
  address: Address
  png: Uint8Array
  /** What the image shows, in words (src/bot/images.ts). */
  alt: string
}

export type DeliveryResult =
  | { ok: true; platformMessageId?: string }
  | {
      ok: false
      /** false: a permanent refusal (bad target, card too large): the row goes dead at once. */
      retryable: boolean
      /** The platform said when to come back (Feishu x-ogw-ratelimit-reset, …). */
      retryAfterMs?: number
      error: string
    }

export interface RateLimits {
  /** Messages per second to one chat or person (Feishu: 5). */
  perTargetPerSecond: number
  /** Messages per minute to one chat (DingTalk robot: 20). */
  perTargetPerMinute?: number
  /** Messages per second for the whole app (Feishu: 50). */
  perAppPerSecond: number
}

/** A platform's outgoing side: renders the neutral body and calls the platform API. */
export interface PlatformPort {
  readonly platform: Platform
  readonly limits: RateLimits
  deliver(message: OutboxMessage): Promise<DeliveryResult>
  /** Sends a PNG as a message of its own; only the ports of platforms that declare `images` (capabilities.ts). */
  deliverImage?(image: OutboxImage): Promise<DeliveryResult>
}
