// Which buttons of a card a person can press where the platform cannot show real buttons: numbered in display order
// (as render-text.ts numbers them), links and form submits left out (a typed number can carry no form inputs and
// opens no browser). Platform renderers print these numbers; src/bot/numbered-reply.ts reads them back.
import type { CardButton, CardModel } from './model.ts'
import { buttonNumber, renderCardText } from './render-text.ts'

/** Buttons in display order, numbered as render-text numbers them (form submits first, then actions), submits null. */
export function orderedButtons(card: CardModel): (CardButton | null)[] {
  const submits = new Set(card.blocks.flatMap((b) => (b.type === 'form' ? [b.submit] : [])))
  return renderCardText(card).buttons.map((b) => (submits.has(b) ? null : b))
}

/** The buttons that call back (not links, not form submits), in display order: reply numbers 1, 2, … */
export const callbackButtons = (card: CardModel): CardButton[] =>
  orderedButtons(card).filter((b): b is CardButton => b !== null && !b.url && Boolean(b.action))

/**
 * The callback buttons with the number a person types to press each: the button's own `number` (the same action
 * keeps the same number on every version of its card), else its position among the callback buttons.
 */
export const numberedButtons = (card: CardModel): { n: number; button: CardButton }[] =>
  callbackButtons(card).map((button, i) => ({ n: buttonNumber(button, i + 1), button }))
