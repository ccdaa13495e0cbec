import { describe, expect, it } from 'vitest'
import type { CardModel } from '../../src/cards/model.ts'
import {
  BUTTON_SLOTS,
  callbackButtons,
  orderedButtons,
  renderCardParamMap,
  renderFallback,
} from '../../src/platforms/dingtalk/render.ts'
import { CARD_TEMPLATES, renderCard } from '../helpers/cards.ts'

const samples = Object.entries(CARD_TEMPLATES).map(([name, t]) => [name, renderCard(name, t.sample)] as const)

describe.each(samples)('card template %s renders for DingTalk', (_name, card) => {
  const model: CardModel = { ...card, id: 'crd_abc', version: 2 }

  it('as a cardParamMap whose values are all strings', () => {
    const { cardParamMap } = renderCardParamMap(model)
    for (const [key, value] of Object.entries(cardParamMap)) expect(typeof value, key).toBe('string')
    expect(cardParamMap.title).toBe(card.title)
    expect(cardParamMap.cardId).toBe('crd_abc')
    expect(cardParamMap.version).toBe('2')
    expect(cardParamMap.markdown?.length).toBeGreaterThan(0)
  })

  it('with every callback button in a slot carrying its action', () => {
    const { cardParamMap } = renderCardParamMap(model)
    const callbacks = orderedButtons(model).filter((b) => b?.action && !b.url)
    callbacks.slice(0, BUTTON_SLOTS).forEach((b, i) => {
      expect(cardParamMap[`btn${i + 1}_show`]).toBe('true')
      expect(cardParamMap[`btn${i + 1}_text`]).toBe(b?.label)
      expect(cardParamMap[`btn${i + 1}_a`]).toBe(b?.action)
    })
    for (let slot = callbacks.length + 1; slot <= BUTTON_SLOTS; slot++)
      expect(cardParamMap[`btn${slot}_show`]).toBe('false')
  })

  it('as a fallback robot message that tells how to act on each callback button', () => {
    const msg = renderFallback(model)
    expect([
      'sampleMarkdown',
      'sampleActionCard',
      'sampleActionCard2',
      'sampleActionCard3',
      'sampleActionCard4',
      'sampleActionCard5',
    ]).toContain(msg.msgKey)
    expect(msg.msgParam.title).toBe(card.title)
    expect(msg.msgParam.text).toContain(card.title)
    callbackButtons(model).forEach((b, i) => {
      expect(msg.msgParam.text).toContain(`- 回复 **${i + 1}**：${b.label}`)
    })
    expect(JSON.stringify(msg.msgParam).length).toBeLessThan(15_000)
  })
})

describe('DingTalk rendering details', () => {
  const base: CardModel = {
    template: 'test',
    id: 'crd_1',
    version: 1,
    title: '工单 #12 待审批',
    tone: 'orange',
    blocks: [
      { type: 'fields', fields: [{ label: '企业', value: '某某鞋业有限公司' }] },
      { type: 'note', text: '依据《质量强企千百行动方案》' },
    ],
    actions: [
      { label: '同意', action: 'ticket.approve', value: { ticketId: 12 }, style: 'primary' },
      { label: '查看政策原文', url: 'https://example.gov.cn/policy', value: {}, style: 'default' },
    ],
  }

  it('puts extra button values in btnN_x as JSON and link buttons in the markdown', () => {
    const { cardParamMap, dropped } = renderCardParamMap(base, '已同意')
    expect(cardParamMap.btn1_x).toBe('{"ticketId":12}')
    expect(cardParamMap.btn1_style).toBe('primary')
    expect(cardParamMap.notice).toBe('已同意')
    expect(cardParamMap.markdown).toContain('- **企业**：某某鞋业有限公司')
    expect(cardParamMap.markdown).toContain('[查看政策原文](https://example.gov.cn/policy)')
    expect(dropped).toBe(0)
  })

  it('leaves form submits out of the buttons and says the form cannot be filled in on DingTalk', () => {
    const form: CardModel = {
      ...base,
      blocks: [
        {
          type: 'form',
          name: 'f',
          inputs: [{ name: 'phone', label: '联系电话', kind: 'text', required: true }],
          submit: { label: '提交', action: 'x.submit', value: {}, style: 'primary' },
        },
      ],
      actions: [],
    }
    const { cardParamMap } = renderCardParamMap(form)
    expect(cardParamMap.btn1_show).toBe('false')
    expect(cardParamMap.markdown).toContain('- 联系电话（必填）')
    expect(cardParamMap.markdown).toContain('暂不支持在线填写')
    expect(renderFallback(form).msgParam.text).not.toContain('回复对应的数字')
  })

  it('reports callback buttons beyond the template slots', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({
      label: `选项${i}`,
      action: `a.${i}`,
      value: {},
      style: 'default' as const,
    }))
    expect(renderCardParamMap({ ...base, actions: many }).dropped).toBe(2)
  })

  it('uses sampleActionCard for one link, numbered replies for callbacks, sampleActionCardN for several links', () => {
    const one = renderFallback(base)
    expect(one.msgKey).toBe('sampleActionCard')
    expect(one.msgParam).toMatchObject({ singleTitle: '查看政策原文', singleURL: 'https://example.gov.cn/policy' })
    expect(one.msgParam.text).toContain('如需办理，请直接回复对应的数字：\n- 回复 **1**：同意')
    const links = [1, 2, 3].map((i) => ({
      label: `链接${i}`,
      url: `https://example.gov.cn/${i}`,
      value: {},
      style: 'default' as const,
    }))
    const three = renderFallback({ ...base, actions: links })
    expect(three.msgKey).toBe('sampleActionCard3')
    expect(three.msgParam).toMatchObject({ actionTitle3: '链接3', actionURL3: 'https://example.gov.cn/3' })
    expect(three.msgParam.text).not.toContain('回复对应的数字')
    expect(renderFallback({ ...base, actions: [] }).msgKey).toBe('sampleMarkdown')
  })
})
