// Card clicks for tests: a card action for adapter tests (`decide`: answers a click with a toast and the card
// re-titled, without any business rule, so a test pins the platform round trip), the neutral click event, and button
// values. The platforms' own click payloads are built by their fakes: cardActionEvent / legacyCardAction in
// test/fakes/feishu/events.ts, cardClick in test/dingtalk/fixtures.ts.
import { randomUUID } from 'node:crypto'
import type { CardActionHandler } from '../../src/bot/handler.ts'
import type { CardActionEvent } from '../../src/bot/types.ts'

export const decide: CardActionHandler = {
  action: 'test.decide',
  handle: async ({ card }) => ({
    intent: 'test',
    cardResponse: {
      toast: { type: 'success', text: '已同意' },
      card: card ? { ...card.model, title: '申请已同意', actions: [] } : undefined,
    },
  }),
}

/**
 * A neutral card click, as an adapter decodes a platform's callback (or the console a click): for tests below the
 * adapters. Defaults: a console user `user` in a one-to-one chat, clicking now, a fresh event id, no value, no form.
 */
export function cardClickEvent(fields: Partial<Omit<CardActionEvent, 'kind'>> & { action: string }): CardActionEvent {
  const platform = fields.platform ?? fields.operator?.platform ?? 'console'
  const userId = fields.operator?.userId ?? 'user'
  return {
    kind: 'card_action',
    eventId: randomUUID(),
    platform,
    chat: { platform, chatId: `p2p-${userId}`, chatType: 'p2p' },
    receivedAt: new Date(),
    operator: { platform, userId },
    value: {},
    form: {},
    ...fields,
  }
}

/** A callback button's value as the renderers write it (`{a: action, c: card id, v: card version, ...value}`). */
export function buttonValue(
  card: { id: string; version: number },
  action: string,
  value: Record<string, unknown> = {},
): Record<string, unknown> {
  return { a: action, c: card.id, v: card.version, ...value }
}
