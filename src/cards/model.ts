// The neutral card: what every template in cards/ produces and every platform renderer consumes.
// Markdown in blocks is the small subset both Feishu and DingTalk show: **bold**, lists, [links](url), line breaks.
import { z } from 'zod'

const scalar = z.union([z.string(), z.number(), z.boolean()])

export const cardButtonSchema = z.object({
  label: z.string().min(1),
  /** Handler route, e.g. `ticket.approve`. Omitted for pure link buttons. */
  action: z.string().optional(),
  /** Extra data the click carries back (flat, small: Feishu and DingTalk both limit it). */
  value: z.record(z.string(), scalar).default({}),
  style: z.enum(['primary', 'default', 'danger']).default('default'),
  /** A link button opens this URL instead of calling back. */
  url: z.string().optional(),
  /**
   * The reply number this button keeps on every version of its card, where buttons are pressed by typing a number
   * (console, DingTalk without a card template): an action keeps its number when other buttons come and go. Without
   * it, a button is numbered by its position. A template's empty placeholder counts as none.
   */
  number: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number().int().positive().optional()),
})
export type CardButton = z.infer<typeof cardButtonSchema>

/**
 * A button as a feature's card data gives it to a template: it always calls back (an action, the value it carries)
 * and may keep a reply number. The template turns it into a `cardButtonSchema` button.
 */
export const actionButtonSchema = z.object({
  label: z.string(),
  action: z.string(),
  style: z.enum(['primary', 'default', 'danger']).default('default'),
  value: z.record(z.string(), scalar),
  /** The reply number the action keeps on every version of the card (CardButton.number). */
  number: z.number().int().positive().optional(),
})
export type ActionButton = z.input<typeof actionButtonSchema>

export const formInputSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string().min(1),
  kind: z.enum(['text', 'textarea', 'select']).default('text'),
  placeholder: z.string().optional(),
  required: z.boolean().default(false),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  initial: z.string().optional(),
})
export type FormInput = z.infer<typeof formInputSchema>

export const cardBlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('markdown'), text: z.string() }),
  z.object({
    type: z.literal('fields'),
    fields: z.array(z.object({ label: z.string(), value: z.string() })),
  }),
  z.object({ type: z.literal('divider') }),
  /** Small grey print: sources, timestamps, hints. */
  z.object({ type: z.literal('note'), text: z.string() }),
  z.object({
    type: z.literal('chart'),
    title: z.string(),
    kind: z.enum(['line', 'bar']).default('bar'),
    labels: z.array(z.string()),
    series: z.array(z.object({ name: z.string(), values: z.array(z.number()) })),
  }),
  z.object({
    type: z.literal('form'),
    name: z.string().regex(/^[a-z][a-z0-9_]*$/),
    inputs: z.array(formInputSchema).min(1),
    submit: cardButtonSchema,
  }),
])
export type CardBlock = z.infer<typeof cardBlockSchema>

export const CARD_TONES = ['blue', 'green', 'orange', 'red', 'grey', 'purple'] as const

export const cardModelSchema = z.object({
  /** Which template in cards/ made it. */
  template: z.string(),
  /** Our card id (SentCard.id), set when the card is sent; every button carries it back. */
  id: z.string().optional(),
  /** What the card is about (e.g. `ticket:12`), so every copy of it can be found and updated together. */
  subject: z.string().optional(),
  /** Bumped on every in-place update: a click on an older version is refused as stale. */
  version: z.number().int().default(1),
  title: z.string().min(1),
  subtitle: z.string().optional(),
  tone: z.enum(CARD_TONES).default('blue'),
  blocks: z.array(cardBlockSchema).default([]),
  actions: z.array(cardButtonSchema).default([]),
})
export type CardModel = z.infer<typeof cardModelSchema>
export type CardModelInput = z.input<typeof cardModelSchema>
