import { describe, expect, it } from 'vitest'
import { type CardModelInput, cardModelSchema } from '../../src/cards/model.ts'
import {
  cardBytes,
  renderCallbackResponse,
  renderFeishuCard,
  renderLegacyCallbackResponse,
} from '../../src/platforms/feishu/render.ts'
import { CARD_TEMPLATES, renderCard } from '../helpers/cards.ts'
import { cardProblems } from './card-schema.ts'

const everyBlock: CardModelInput = {
  template: 'test',
  id: 'card_1',
  version: 3,
  title: '企业服务申请',
  subtitle: '瓯海区市场监督管理局',
  tone: 'orange',
  blocks: [
    { type: 'markdown', text: '**说明**：请填写下列信息。' },
    {
      type: 'fields',
      fields: [
        { label: '企业', value: '某鞋业有限公司' },
        { label: '状态', value: '待受理' },
        { label: '类别', value: '计量' },
      ],
    },
    { type: 'divider' },
    { type: 'note', text: '来源：《质量强企千百行动方案》' },
    {
      type: 'chart',
      title: '月度工单',
      kind: 'bar',
      labels: ['1月', '2月'],
      series: [
        { name: '受理', values: [3, 5] },
        { name: '办结', values: [2, 4] },
      ],
    },
    { type: 'chart', title: '趋势', kind: 'line', labels: ['1月', '2月'], series: [{ name: '受理', values: [3, 5] }] },
    {
      type: 'form',
      name: 'ticket_form',
      inputs: [
        { name: 'company', label: '企业名称', required: true, placeholder: '请输入企业全称' },
        { name: 'detail', label: '需求说明', kind: 'textarea', initial: '上门校准' },
        {
          name: 'category',
          label: '类别',
          kind: 'select',
          options: [
            { value: 'metrology', label: '计量' },
            { value: 'standard', label: '标准' },
          ],
          initial: 'metrology',
        },
      ],
      submit: { label: '提交', action: 'ticket.submit', style: 'primary' },
    },
  ],
  actions: [
    { label: '同意', action: 'ticket.approve', value: { ticket: 42 }, style: 'primary' },
    { label: '查看政策原文', url: 'https://example.gov.cn/policy' },
  ],
}

describe('Feishu card renderer (JSON 2.0)', () => {
  it.each(Object.entries(CARD_TEMPLATES))(
    'renders template %s with its sample to a valid 2.0 card',
    (name, template) => {
      const card = renderFeishuCard(renderCard(name, template.sample))
      expect(cardProblems(card)).toEqual([])
    },
  )

  it('renders every block kind to valid 2.0 JSON', () => {
    const card = renderFeishuCard(cardModelSchema.parse(everyBlock))
    expect(cardProblems(card)).toEqual([])
    expect(card).toMatchObject({ schema: '2.0', config: { update_multi: true }, header: { template: 'orange' } })
    const text = JSON.stringify(card)
    expect(text).toContain('"tag":"chart"')
    expect(text).toContain('"form_action_type":"submit"')
    expect(text).toContain('"type":"open_url"')
  })

  it('puts {a, c, v, ...value} as an object in every callback button', () => {
    const card = renderFeishuCard(cardModelSchema.parse(everyBlock))
    const values = [...JSON.stringify(card).matchAll(/"type":"callback","value":(\{[^}]*\})/g)].map((m) =>
      JSON.parse(m[1]!),
    )
    expect(values).toContainEqual({ a: 'ticket.approve', c: 'card_1', v: 3, ticket: 42 })
    expect(values).toContainEqual({ a: 'ticket.submit', c: 'card_1', v: 3 })
  })

  it('keeps the form at the card root with named inputs and a named submit button', () => {
    const card = renderFeishuCard(cardModelSchema.parse(everyBlock)) as {
      body: { elements: Record<string, unknown>[] }
    }
    const form = card.body.elements.find((e) => e.tag === 'form') as {
      name: string
      elements: Record<string, unknown>[]
    }
    expect(form.name).toBe('ticket_form')
    expect(form.elements.filter((e) => e.tag === 'input' || e.tag === 'select_static').map((e) => e.name)).toEqual([
      'company',
      'detail',
      'category',
    ])
    expect(form.elements.at(-1)).toMatchObject({
      tag: 'button',
      name: 'ticket_form_submit',
      form_action_type: 'submit',
    })
  })

  it('the validator rejects unknown properties and oversize cards', () => {
    const card = renderFeishuCard(cardModelSchema.parse(everyBlock)) as Record<string, unknown>
    expect(cardProblems({ ...card, elements: [] }).length).toBeGreaterThan(0)
    const big = cardModelSchema.parse({
      template: 't',
      title: 'x',
      blocks: [{ type: 'markdown', text: '字'.repeat(11_000) }],
    })
    expect(cardBytes(renderFeishuCard(big))).toBeGreaterThan(30 * 1024)
    expect(cardProblems(renderFeishuCard(big))).toContainEqual(expect.stringContaining('> 30 KB'))
  })

  it('answers callbacks with {toast, card:{type:"raw"}} and the legacy style with the bare card', () => {
    const model = renderCard('help', CARD_TEMPLATES.help!.sample)
    const body = renderCallbackResponse({ toast: { type: 'success', text: '已受理' }, card: model })
    expect(body.toast).toEqual({ type: 'success', content: '已受理' })
    expect(body.card).toMatchObject({ type: 'raw', data: { schema: '2.0' } })
    expect(renderCallbackResponse({})).toEqual({})
    expect(renderLegacyCallbackResponse({ card: model })).toMatchObject({ schema: '2.0' })
    expect(renderLegacyCallbackResponse({ toast: { type: 'info', text: 'x' } })).toEqual({})
  })
})
