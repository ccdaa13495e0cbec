// Neutral CardModel → DingTalk. Two ways out:
//  (a) an interactive card built from our generic template (cards/dingtalk/): `cardParamMap`, every value a string
//      (DingTalk refuses anything else; lists are JSON strings), sent by createAndDeliver and updated in place;
//  (b) without a template id (config.dingtalk.cardTemplateId): a robot message — sampleActionCard… when the card has
//      link buttons, sampleMarkdown otherwise. Callback buttons cannot be links, so the text numbers them and a bare
//      number typed back presses that button (the core's src/bot/numbered-reply.ts).
import { callbackButtons, numberedButtons, orderedButtons } from '../../cards/buttons.ts'
import type { CardButton, CardModel } from '../../cards/model.ts'
import { cardBodyMarkdown, headingMarkdown, joinParagraphs, linksMarkdown } from './markdown.ts'

/** Button slots in the generic template (btn1 … btn5). */
export const BUTTON_SLOTS = 5

export type CardParamMap = Record<string, string>

export interface RenderedCard {
  cardParamMap: CardParamMap
  /** Callback buttons beyond the template's slots (logged by the caller: the card should be split). */
  dropped: number
}

// Form submits are left out of the buttons (src/cards/buttons.ts): a DingTalk click cannot carry the form's inputs
// (markdown.ts says so in the card instead). Callback buttons fill the template's slots, or become reply numbers.
export { callbackButtons, orderedButtons }

const present = (buttons: (CardButton | null)[]) => buttons.filter((b): b is CardButton => b !== null)

/**
 * The template's variables. Button params in the template are bound as
 * `{a: ${btnN_a}, c: ${cardId}, v: ${version}, x: ${btnN_x}}`; decode.ts reads them back.
 */
export function renderCardParamMap(card: CardModel, notice = ''): RenderedCard {
  const buttons = present(orderedButtons(card))
  const callbacks = callbackButtons(card)
  const map: CardParamMap = {
    title: card.title,
    subtitle: card.subtitle ?? '',
    tone: card.tone,
    markdown: joinParagraphs([cardBodyMarkdown(card), linksMarkdown(buttons)]),
    notice,
    cardId: card.id ?? '',
    version: String(card.version),
    template: card.template,
  }
  for (let slot = 1; slot <= BUTTON_SLOTS; slot++) {
    const button = callbacks[slot - 1]
    map[`btn${slot}_show`] = button ? 'true' : 'false'
    map[`btn${slot}_text`] = button?.label ?? ''
    map[`btn${slot}_style`] = button?.style ?? 'default'
    map[`btn${slot}_a`] = button?.action ?? ''
    map[`btn${slot}_x`] = button && Object.keys(button.value).length ? JSON.stringify(button.value) : ''
  }
  return { cardParamMap: map, dropped: Math.max(0, callbacks.length - BUTTON_SLOTS) }
}

export interface RobotMessage {
  msgKey: string
  msgParam: Record<string, string>
}

/** Callback buttons as reply numbers (src/cards/buttons.ts numberedButtons; src/bot/numbered-reply.ts reads them). */
export function replyInstructions(card: CardModel): string {
  const lines = numberedButtons(card).map(({ n, button }) => `- 回复 **${n}**：${button.label}`)
  return lines.length ? ['如需办理，请直接回复对应的数字：', ...lines].join('\n') : ''
}

/** Fallback robot message for a card when no interactive-card template is configured. */
export function renderFallback(card: CardModel): RobotMessage {
  const buttons = orderedButtons(card)
  const links = present(buttons).filter((b) => b.url)
  const shown = links.slice(0, BUTTON_SLOTS)
  const text = joinParagraphs([
    headingMarkdown(card),
    cardBodyMarkdown(card),
    replyInstructions(card),
    linksMarkdown(links.slice(BUTTON_SLOTS)),
  ])
  const title = card.title
  if (shown.length === 0) return { msgKey: 'sampleMarkdown', msgParam: { title, text } }
  if (shown.length === 1) {
    const only = shown[0]!
    return { msgKey: 'sampleActionCard', msgParam: { title, text, singleTitle: only.label, singleURL: only.url! } }
  }
  const msgParam: Record<string, string> = { title, text }
  shown.forEach((b, i) => {
    msgParam[`actionTitle${i + 1}`] = b.label
    msgParam[`actionURL${i + 1}`] = b.url!
  })
  return { msgKey: `sampleActionCard${shown.length}`, msgParam }
}

/** Plain text for the sessionWebhook or sampleText. */
export function textMessage(text: string): RobotMessage {
  return { msgKey: 'sampleText', msgParam: { content: text } }
}
