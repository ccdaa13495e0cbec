// The pure parts of numbered replies: which messages are numbers, when a flow gets the number instead, which button
// a number presses (in the fallback text's order) and the neutral click it becomes.
import { describe, expect, it } from 'vitest'
import {
  chooseButton,
  flowTakesNumber,
  type NumberedCard,
  outOfRangeText,
  parseReplyNumber,
  toCardAction,
} from '../../src/bot/numbered-reply.ts'
import type { MessageEvent } from '../../src/bot/types.ts'
import { numberedButtons } from '../../src/cards/buttons.ts'
import type { CardModel } from '../../src/cards/model.ts'
import { renderFallback } from '../../src/platforms/dingtalk/render.ts'

const approval: CardModel & { id: string } = {
  template: 'ticket-approval',
  id: 'crd_approval',
  version: 3,
  title: '工单 QS-2026-000001 待审批',
  tone: 'orange',
  blocks: [
    {
      type: 'form',
      name: 'f',
      inputs: [{ name: 'comment', label: '意见', kind: 'text', required: false }],
      submit: { label: '提交', action: 'ticket.decide', value: {}, style: 'primary' },
    },
  ],
  actions: [
    { label: '查看政策', url: 'https://example.gov.cn/p', value: {}, style: 'default' },
    { label: '同意', action: 'ticket.approve', value: { t: 1, tv: 4 }, style: 'primary' },
    { label: '驳回', action: 'ticket.reject', value: { t: 1, tv: 4 }, style: 'danger' },
  ],
}
const numbered = (card: CardModel & { id: string }): NumberedCard => ({ card, buttons: numberedButtons(card) })
const decided = numbered({ ...approval, id: 'crd_decided', actions: [] })

describe('parseReplyNumber', () => {
  it('reads a bare number, half- or full-width, with spaces around', () => {
    expect(parseReplyNumber('1')).toBe(1)
    expect(parseReplyNumber(' 12 ')).toBe(12)
    expect(parseReplyNumber('２')).toBe(2)
  })
  it('leaves everything else to the core', () => {
    for (const text of ['', '1个', '第1', '123', '13812345678', '1.5', '同意'])
      expect(parseReplyNumber(text)).toBeNull()
  })
})

describe('flowTakesNumber', () => {
  const now = new Date('2026-03-02T02:00:00Z')
  const later = new Date(now.getTime() + 60_000)
  const earlier = new Date(now.getTime() - 60_000)
  it('gives the number to an active flow that may ask for one', () => {
    expect(flowTakesNumber({ flow: 'ticket_open', expiresAt: later }, now)).toBe(true)
    expect(flowTakesNumber({ flow: 'bind', expiresAt: later }, now)).toBe(true)
  })
  it('lets an expired application say it expired, but not any other expired flow', () => {
    expect(flowTakesNumber({ flow: 'ticket_open', expiresAt: earlier }, now)).toBe(true)
    expect(flowTakesNumber({ flow: 'bind', expiresAt: earlier }, now)).toBe(false)
  })
  it('treats the number as a button when there is no flow or the flow takes free text only', () => {
    expect(flowTakesNumber(null, now)).toBe(false)
    expect(flowTakesNumber({ flow: 'ticket_comment', expiresAt: later }, now)).toBe(false)
  })
})

describe('chooseButton', () => {
  it('numbers callback buttons as the fallback text does: links and form submits are not numbered', () => {
    const text = renderFallback(approval).msgParam.text
    expect(text).toContain('- 回复 **1**：同意\n- 回复 **2**：驳回')
    expect(chooseButton([numbered(approval)], 2)).toMatchObject({ kind: 'press', button: { label: '驳回' } })
  })
  it('uses the newest card that still has buttons', () => {
    const older = numbered({ ...approval, id: 'crd_older' })
    const choice = chooseButton([decided, numbered(approval), older], 1)
    expect(choice).toMatchObject({ kind: 'press', card: { id: 'crd_approval' }, button: { action: 'ticket.approve' } })
  })
  it('says when the number is out of range or there is nothing to press', () => {
    expect(chooseButton([numbered(approval)], 3)).toEqual({ kind: 'out_of_range', numbers: [1, 2] })
    expect(chooseButton([numbered(approval)], 0)).toEqual({ kind: 'out_of_range', numbers: [1, 2] })
    expect(chooseButton([decided], 1)).toEqual({ kind: 'no_card' })
    expect(chooseButton([], 1)).toEqual({ kind: 'no_card' })
    expect(outOfRangeText(3, [1, 2])).toBe(
      '抱歉，没有编号为 3 的选项。请回复 1 到 2 之间的数字（对应最近一张卡片中的选项）。',
    )
    expect(outOfRangeText(2, [1])).toContain('请回复 1（')
    expect(outOfRangeText(1, [2, 3, 4])).toContain('请回复 2 到 4 之间的数字')
    expect(outOfRangeText(5, [1, 6])).toContain('请回复 1、6 中的一个数字')
  })
  it('keeps the number a button carries across the card versions: a dropped button shifts no other', () => {
    const fixed = (labels: [string, number][]) =>
      numbered({
        ...approval,
        blocks: [],
        actions: labels.map(([label, number]) => ({ label, action: label, value: {}, style: 'default', number })),
      })
    const before = fixed([
      ['接单', 1],
      ['转派', 2],
      ['需要审批', 3],
      ['办结', 4],
    ])
    const after = fixed([
      ['转派', 2],
      ['需要审批', 3],
      ['办结', 4],
    ])
    expect(chooseButton([before], 3)).toMatchObject({ kind: 'press', button: { label: '需要审批' } })
    expect(chooseButton([after], 3)).toMatchObject({ kind: 'press', button: { label: '需要审批' } })
    expect(chooseButton([after], 1)).toEqual({ kind: 'out_of_range', numbers: [2, 3, 4] })
    expect(renderFallback(after.card).msgParam.text).toContain(
      '- 回复 **2**：转派\n- 回复 **3**：需要审批\n- 回复 **4**：办结',
    )
  })
})

describe('toCardAction', () => {
  it('is the click of the sender on that card version, with the message id as event id', () => {
    const message: MessageEvent = {
      kind: 'message',
      eventId: 'msgABC',
      platform: 'dingtalk',
      chat: { platform: 'dingtalk', chatId: 'user:official01', chatType: 'p2p' },
      receivedAt: new Date('2026-03-02T02:00:00Z'),
      sender: { platform: 'dingtalk', userId: 'official01', name: '认证科长', tenantKey: 'dingcorp001' },
      text: '1',
      reply: {},
    }
    const event = toCardAction(message, approval, approval.actions[1]!)
    expect(event).toEqual({
      kind: 'card_action',
      eventId: 'msgABC',
      platform: 'dingtalk',
      chat: message.chat,
      receivedAt: message.receivedAt,
      operator: message.sender,
      cardId: 'crd_approval',
      cardVersion: 3,
      action: 'ticket.approve',
      value: { t: 1, tv: 4 },
      form: {},
    })
  })
})
