// Every card template in cards/ renders its own sample into a valid neutral card and into readable text.
import { describe, expect, test } from 'vitest'
import { cardModelSchema } from '../../src/cards/model.ts'
import { cardTemplatesOf } from '../../src/cards/registry.ts'
import { renderCardText } from '../../src/cards/render-text.ts'
import { fillCardTemplate } from '../../src/cards/template.ts'
import { FEATURES } from '../../src/features/index.ts'
import { CARD_TEMPLATES, renderCard } from '../helpers/cards.ts'

describe.each(Object.keys(CARD_TEMPLATES))('card template %s', (name) => {
  test('renders its sample to a valid card and to text with numbered buttons', () => {
    const template = CARD_TEMPLATES[name]!
    expect(template.description.length).toBeGreaterThan(0)
    const card = renderCard(name, template.sample)
    expect(cardModelSchema.parse(card)).toEqual(card)
    const text = renderCardText(card)
    expect(text.text).toContain(card.title)
    expect(text.text).not.toMatch(/\{\{|undefined|\[object Object\]/)
    for (const [i, button] of text.buttons.entries()) expect(text.text).toContain(`[${i + 1}] ${button.label}`)
  })
})

test.each(Object.values(cardTemplatesOf(FEATURES)))('the sample of $name is valid data for its schema', (template) => {
  // The schema is what the feature sends (defineCard): a sample it would refuse tests a card nobody can get.
  expect(template.schema.safeParse(template.file.sample).error).toBeUndefined()
})

test('template language: placeholders, $if, $unless and $each', () => {
  const card = fillCardTemplate(
    't',
    {
      title: '工单 {{ticket.number}}',
      blocks: [
        { $if: 'note', type: 'note', text: '{{note}}' },
        { $unless: 'note', type: 'markdown', text: '无备注' },
        { $each: 'items', $as: 'it', $do: { type: 'markdown', text: '{{index}}. {{it.name}}' } },
      ],
    },
    { ticket: { number: 'QS-2026-000001' }, items: [{ name: '甲' }, { name: '乙' }] },
  )
  expect(card.title).toBe('工单 QS-2026-000001')
  expect(card.blocks).toEqual([
    { type: 'markdown', text: '无备注' },
    { type: 'markdown', text: '1. 甲' },
    { type: 'markdown', text: '2. 乙' },
  ])
})

test('a template that produces an invalid card is refused with a clear error', () => {
  expect(() => fillCardTemplate('bad', { title: '{{missing}}' }, {})).toThrow(
    /card template bad produced an invalid card/,
  )
})
