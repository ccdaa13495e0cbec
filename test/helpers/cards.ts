// The card templates of the bot's features (src/features/index.ts), by name, as their files; and rendering one
// with data as is, without its schema (the tests render every sample on every platform).
import type { CardModel } from '../../src/cards/model.ts'
import { type CardTemplateFile, cardTemplatesOf, renderCardTemplate } from '../../src/cards/registry.ts'
import { FEATURES } from '../../src/features/index.ts'

const templates = cardTemplatesOf(FEATURES)

export const CARD_TEMPLATES: Record<string, CardTemplateFile> = Object.fromEntries(
  Object.entries(templates).map(([name, template]) => [name, template.file]),
)

export function renderCard(name: string, data: Record<string, unknown>): CardModel {
  const template = templates[name]
  if (!template) throw new Error(`no card template named ${name}`)
  return renderCardTemplate(template, data)
}
