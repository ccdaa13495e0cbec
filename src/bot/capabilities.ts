// What a platform can do, declared by its module (src/platforms/platform.ts) and asked by the core and the
// features through `deps.capabilities(platform)`. Nothing outside src/platforms compares a platform's name: a new
// platform declares these and needs no change in the core or in any feature.
import type { Platform } from './types.ts'

export interface Capabilities {
  /** How people call the platform (shown to staff, e.g. in a binding request): 飞书, 钉钉, … */
  label: string
  /** Cards can hold input forms submitted by a button. Without: one question at a time, comments as messages. */
  forms: boolean
  /** A click's answer replaces the clicked card where the person sees it (Feishu, DingTalk interactive cards). */
  inPlaceCardUpdate: boolean
  /** A click answered late can still update its card with a token from the callback (Feishu delayed update). */
  delayedUpdateTokens: boolean
  /**
   * Buttons that call back are numbered in the text and a bare number typed back presses one
   * (src/bot/numbered-reply.ts): for platforms whose messages cannot call back.
   */
  numberedReplies: boolean
  /** The bot can write to one person directly, not only in the chat a message came from. */
  p2p: boolean
  /** Cards can show charts natively; elsewhere a chart is rendered as text. */
  charts: boolean
  /**
   * The bot can send a PNG as a message of its own (an outbox image part, src/bot/images.ts; the port's
   * `deliverImage`): a chart drawn on the server where cards cannot draw one.
   */
  images: boolean
}

/** What the core assumes of a platform nobody declared (a row left by a platform that is off now): the least. */
export const minimalCapabilities = (platform: Platform): Capabilities => ({
  label: platform,
  forms: false,
  inPlaceCardUpdate: false,
  delayedUpdateTokens: false,
  numberedReplies: false,
  p2p: false,
  charts: false,
  images: false,
})
