// Toy platform, rendering: a card becomes one markdown message; its callback buttons are numbered in the order the
// core reads a typed number back (src/cards/buttons.ts), links are listed.
import { callbackButtons } from '../../../src/cards/buttons.ts'
import type { CardModel } from '../../../src/cards/model.ts'
import { renderCardText } from '../../../src/cards/render-text.ts'

export function renderToyCard(card: CardModel): string {
  // The plain-text body without render-text's own [n] labels: numbers here are the reply numbers.
  const body = renderCardText({ ...card, actions: card.actions.filter((b) => b.url) }).text.replace(/\[\d+\] /g, '')
  const numbers = callbackButtons(card).map((b, i) => `回复 ${i + 1}：${b.label}`)
  return [body, ...numbers].join('\n')
}
