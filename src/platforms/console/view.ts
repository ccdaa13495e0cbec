// A console turn as the web simulator shows it: each message as HTML (cards with real buttons through the neutral
// HTML renderer, texts through the same escaped markdown), and what went to other people, by whom it went to.
import type { OutgoingBody } from '../../bot/types.ts'
import { markdownToHtml, renderCardHtml } from '../../cards/render-html.ts'
import type { ConsoleTurn } from './receive.ts'

export const CLICK_URL = '/simulator/clicks'

export interface ViewItem {
  /** The card's id, so the page updates a card it already shows in place; absent for a text. */
  cardId?: string
  html: string
}

export interface TurnView {
  intent: string
  toast?: string
  items: ViewItem[]
  /** Messages for other people: they see them in their own view; here only who got what. */
  sent: { to: string; summary: string }[]
}

export function itemView(body: OutgoingBody): ViewItem {
  if (body.kind === 'text') return { html: `<div class="qs-md">${markdownToHtml(body.text)}</div>` }
  return { ...(body.card.id ? { cardId: body.card.id } : {}), html: renderCardHtml(body.card, { clickUrl: CLICK_URL }) }
}

function summary(body: OutgoingBody): string {
  if (body.kind === 'card') return body.card.subtitle ? `${body.card.title}（${body.card.subtitle}）` : body.card.title
  return body.text.length > 40 ? `${body.text.slice(0, 40)}…` : body.text
}

export function turnView(turn: ConsoleTurn): TurnView {
  return {
    intent: turn.intent,
    ...(turn.toast ? { toast: turn.toast } : {}),
    items: turn.items.map(itemView),
    sent: turn.others.map((o) => ({ to: o.to, summary: summary(o.body) })),
  }
}
