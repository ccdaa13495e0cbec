// Card templates are data (cards/<name>.json) so staff can edit wording and layout without touching code. The
// feature that sends a card imports its JSON (imported rather than read from disk, so the same code works on
// Workers) and binds it to the zod schema of its data with `defineCard`; the feature's module lists its cards, and
// `cardTemplatesOf(features)` collects every template (the tests render each one's sample on every platform).
import type { z } from 'zod'
import type { CardModel } from './model.ts'
import { fillCardTemplate } from './template.ts'

export interface CardTemplateFile {
  /** What the card is for, for the staff who edit it. */
  description: string
  /** Example data: every template renders with it, for every platform, in tests. */
  sample: Record<string, unknown>
  /** The card, with {{placeholders}} and $if/$unless/$each (see template.ts). */
  card: Record<string, unknown>
}

export interface CardTemplate {
  /** The file name under cards/ without `.json`; sent cards are stored under it (SentCard.template). */
  name: string
  file: CardTemplateFile
  /** The data the template takes. */
  schema: z.ZodType<Record<string, unknown>>
}

/** Renders a template with data as is (samples in tests); features render through their `defineCard`. */
export function renderCardTemplate(template: CardTemplate, data: Record<string, unknown>): CardModel {
  return fillCardTemplate(template.name, template.file.card, data)
}

/** Binds a template to the zod schema of the data it takes: the feature that sends the card owns the schema. */
export function defineCard<S extends z.ZodType<Record<string, unknown>>>(
  name: string,
  file: CardTemplateFile,
  schema: S,
) {
  const template: CardTemplate = { name, file, schema }
  const render = (data: z.input<S>): CardModel => renderCardTemplate(template, schema.parse(data))
  return Object.assign(render, { template })
}

/** Every feature's templates by name; two templates with one name would make stored cards ambiguous. */
export function cardTemplatesOf(features: readonly { cards?: readonly { template: CardTemplate }[] }[]) {
  const templates: Record<string, CardTemplate> = {}
  for (const { template } of features.flatMap((feature) => feature.cards ?? [])) {
    if (templates[template.name]) throw new Error(`two card templates named ${template.name}`)
    templates[template.name] = template
  }
  return templates
}
