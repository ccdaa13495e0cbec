// A card action for adapter tests: answers a click with a toast and the card re-titled, without any business rule,
// so a test pins the platform round trip (click in, updated card out).
import type { CardActionHandler } from '../../src/bot/handler.ts'

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
