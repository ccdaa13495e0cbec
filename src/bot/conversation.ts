// Multi-turn conversation state (opening a ticket step by step, binding to an enterprise …): one row per person
// per chat, expiring after a quiet period so a half-finished flow never traps the user. A lapsed row stays until the
// person writes again, so the core can tell them it ended (src/bot/digression.ts) instead of ending it silently.
import type { DbOrTx } from '../db/client.ts'
import type { Clock } from '../deps.ts'
import type { Actor, ChatRef } from './types.ts'

export const CONVERSATION_TTL_MS = 30 * 60 * 1000

export interface FlowState {
  flow: string
  step: string
  data: Record<string, unknown>
  expiresAt: Date
}

export interface ConversationHandle {
  readonly key: string
  /** The active flow, or null when there is none or it expired. */
  current(): Promise<FlowState | null>
  start(flow: string, step: string, data?: Record<string, unknown>): Promise<void>
  /** Moves the active flow to `step`, merging `data` into what was collected. */
  update(step: string, data?: Record<string, unknown>): Promise<void>
  end(): Promise<void>
  /** The flow that expired since the person last wrote, removed as it is read (null when there is none). */
  lapsed(): Promise<FlowState | null>
}

export const conversationKey = (chat: ChatRef, person: Actor) => `${chat.platform}:${chat.chatId}:${person.userId}`

export function conversationHandle(db: DbOrTx, clock: Clock, chat: ChatRef, person: Actor): ConversationHandle {
  const key = conversationKey(chat, person)
  const expiry = () => new Date(clock.now().getTime() + CONVERSATION_TTL_MS)
  const read = async (): Promise<FlowState | null> => {
    const row = await db.conversation.findUnique({ where: { key } })
    if (!row) return null
    return {
      flow: row.flow,
      step: row.step,
      data: JSON.parse(row.data) as Record<string, unknown>,
      expiresAt: row.expiresAt,
    }
  }
  const current = async (): Promise<FlowState | null> => {
    const state = await read()
    return state && state.expiresAt > clock.now() ? state : null
  }
  return {
    key,
    current,
    async start(flow, step, data = {}) {
      const fields = { flow, step, data: JSON.stringify(data), expiresAt: expiry() }
      await db.conversation.upsert({ where: { key }, create: { key, ...fields }, update: fields })
    },
    async update(step, data = {}) {
      const state = await current()
      if (!state) return
      const merged = JSON.stringify({ ...state.data, ...data })
      await db.conversation.update({ where: { key }, data: { step, data: merged, expiresAt: expiry() } })
    },
    async end() {
      await db.conversation.deleteMany({ where: { key } })
    },
    async lapsed() {
      const state = await read()
      if (!state || state.expiresAt > clock.now()) return null
      // Only the row that was read: a flow started meanwhile (another message of the same person) stays.
      const { count } = await db.conversation.deleteMany({ where: { key, expiresAt: state.expiresAt } })
      return count ? state : null
    },
  }
}
