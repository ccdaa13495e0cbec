// Neutral CardModel → Feishu card JSON 2.0. 2.0 rejects unknown properties, so only documented ones are used
// (doc: open.larkoffice.com/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-structure).
// Every callback button carries `{a: action, c: cardId, v: version, ...value}` as an object (SDKs refuse strings).
import type { CardActionResponse } from '../../bot/types.ts'
import type { CardBlock, CardButton, CardModel, FormInput } from '../../cards/model.ts'

type Json = Record<string, unknown>

/** Cards above this size are refused by send, PATCH and delayed update (30 KB per the current Feishu doc). */
export const MAX_CARD_BYTES = 30 * 1024

const plain = (content: string) => ({ tag: 'plain_text', content })

function buttonValue(card: CardModel, button: CardButton): Json {
  const value: Json = { ...button.value, a: button.action ?? 'noop', v: card.version }
  if (card.id) value.c = card.id
  return value
}

function renderButton(card: CardModel, button: CardButton, name: string): Json {
  const behaviors = button.url
    ? [{ type: 'open_url', default_url: button.url }]
    : [{ type: 'callback', value: buttonValue(card, button) }]
  return { tag: 'button', name, text: plain(button.label), type: button.style, behaviors }
}

/** Buttons side by side: 2.0 dropped the `action` row, a flowing column_set replaces it. */
function buttonRow(card: CardModel, buttons: CardButton[], prefix: string): Json {
  return {
    tag: 'column_set',
    flex_mode: 'flow',
    columns: buttons.map((button, i) => ({
      tag: 'column',
      width: 'auto',
      elements: [renderButton(card, button, `${prefix}${i + 1}`)],
    })),
  }
}

function fieldRows(fields: { label: string; value: string }[]): Json[] {
  const rows: Json[] = []
  for (let i = 0; i < fields.length; i += 2) {
    rows.push({
      tag: 'column_set',
      flex_mode: 'bisect',
      columns: fields.slice(i, i + 2).map((field) => ({
        tag: 'column',
        width: 'weighted',
        weight: 1,
        elements: [{ tag: 'markdown', content: `**${field.label}**\n${field.value}` }],
      })),
    })
  }
  return rows
}

function renderInput(input: FormInput): Json[] {
  const label = { tag: 'markdown', content: `**${input.label}**${input.required ? '（必填）' : ''}` }
  const placeholder = input.placeholder ? { placeholder: plain(input.placeholder) } : {}
  if (input.kind === 'select') {
    const options = (input.options ?? []).map((o) => ({ text: plain(o.label), value: o.value }))
    const initial = input.initial ? { initial_option: input.initial } : {}
    return [
      label,
      { tag: 'select_static', name: input.name, required: input.required, ...placeholder, ...initial, options },
    ]
  }
  const multiline = input.kind === 'textarea' ? { input_type: 'multiline_text', rows: 3 } : {}
  const initial = input.initial ? { default_value: input.initial } : {}
  return [label, { tag: 'input', name: input.name, required: input.required, ...placeholder, ...multiline, ...initial }]
}

/** A VChart spec: one data row per (label, series) so bars group and lines split by series. */
function chartSpec(block: Extract<CardBlock, { type: 'chart' }>): Json {
  const values = block.series.flatMap((s) =>
    block.labels.map((label, i) => ({ x: label, y: s.values[i] ?? 0, series: s.name })),
  )
  return {
    type: block.kind,
    title: { text: block.title },
    data: [{ id: 'values', values }],
    xField: block.kind === 'bar' ? ['x', 'series'] : 'x',
    yField: 'y',
    seriesField: 'series',
    legends: { visible: block.series.length > 1 },
  }
}

function renderBlock(card: CardModel, block: CardBlock): Json[] {
  switch (block.type) {
    case 'markdown':
      return [{ tag: 'markdown', content: block.text }]
    case 'fields':
      return fieldRows(block.fields)
    case 'divider':
      return [{ tag: 'hr' }]
    case 'note':
      return [{ tag: 'markdown', content: `<font color='grey'>${block.text}</font>`, text_size: 'notation' }]
    case 'chart':
      return [{ tag: 'chart', aspect_ratio: '16:9', chart_spec: chartSpec(block) }]
    case 'form': {
      // Forms must sit at the card root; the submit button needs a name (else the click fails with 200530).
      const submit = {
        ...renderButton(card, block.submit, `${block.name}_submit`),
        form_action_type: 'submit',
      }
      return [{ tag: 'form', name: block.name, elements: [...block.inputs.flatMap(renderInput), submit] }]
    }
  }
}

export function renderFeishuCard(card: CardModel): Json {
  const header: Json = { title: plain(card.title), template: card.tone }
  if (card.subtitle) header.subtitle = plain(card.subtitle)
  const elements = card.blocks.flatMap((block) => renderBlock(card, block))
  if (card.actions.length) elements.push(buttonRow(card, card.actions, 'action_'))
  return { schema: '2.0', config: { update_multi: true, width_mode: 'fill' }, header, body: { elements } }
}

/** UTF-8 size of the card as it will be sent. */
export const cardBytes = (card: Json) => new TextEncoder().encode(JSON.stringify(card)).length

/** The body that answers a card.action.trigger callback within 3 s; `{}` leaves the card as it is. */
export function renderCallbackResponse(response: CardActionResponse): Json {
  const body: Json = {}
  if (response.toast) body.toast = { type: response.toast.type, content: response.toast.text }
  if (response.card) body.card = { type: 'raw', data: renderFeishuCard(response.card) }
  return body
}

/** The old-style callback answers with the whole replacement card (or `{}` for no change). */
export function renderLegacyCallbackResponse(response: CardActionResponse): Json {
  return response.card ? renderFeishuCard(response.card) : {}
}
