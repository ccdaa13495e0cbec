// The knowledge handlers through the real dispatcher and registry, on a real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatchCardAction, dispatchMessage } from '../../src/bot/dispatcher.ts'
import {
  type CardActionEvent,
  cardActionEventSchema,
  type MessageEvent,
  messageEventSchema,
} from '../../src/bot/types.ts'
import { renderCardText } from '../../src/cards/render-text.ts'
import { cardClickEvent } from '../helpers/actions.ts'
import { testCore } from '../helpers/core.ts'
import { realService } from './helpers.ts'

let core: Awaited<ReturnType<typeof testCore>>
let seq = 0
const chat = { platform: 'feishu', chatId: 'oc_chat', chatType: 'p2p' } as const
const person = { platform: 'feishu', userId: 'ou_boss', name: '王总' } as const

const message = (text: string): MessageEvent =>
  messageEventSchema.parse({
    kind: 'message',
    eventId: `ev-${++seq}`,
    platform: 'feishu',
    chat,
    sender: person,
    text,
    receivedAt: new Date(),
  })

const click = (action: string, value: Record<string, unknown>, userId = 'ou_boss'): CardActionEvent =>
  cardActionEventSchema.parse(
    cardClickEvent({ eventId: `ev-${++seq}`, chat, operator: { ...person, userId }, action, value }),
  )

beforeAll(async () => {
  core = await testCore()
  core.deps.knowledge = await realService()
})
afterAll(() => core.close())

const cardText = (result: Awaited<ReturnType<typeof dispatchMessage>>) => {
  const reply = result.replies?.[0]
  if (reply?.kind !== 'card') throw new Error(`expected a card, got ${JSON.stringify(reply)}`)
  return renderCardText(reply.card).text
}

describe('knowledge messages', () => {
  it('answers a policy question with a card and a citation', async () => {
    const result = await dispatchMessage(core.deps, message('标准贷利率多少？'))
    expect(result.intent).toBe('policy_answer')
    expect(result.citations).toEqual([
      expect.objectContaining({ id: 'quality-loan', source: '《瓯海区质量强企千百行动方案》四、(三)' }),
    ])
    const text = cardText(result)
    expect(text).toContain('方案未明确贷款利率，建议提交服务申请由工作人员为您解答')
    expect(text).toContain('依据：《瓯海区质量强企千百行动方案》四、(三)')
  })

  it('declines what the plan does not cover, offering a ticket and never citing an entry', async () => {
    const result = await dispatchMessage(core.deps, message('今天温州天气怎么样'))
    expect(result.intent).toBe('out_of_scope')
    expect(result.citations).toBeUndefined()
    const text = cardText(result)
    expect(text).toContain('您问的“天气”不在《瓯海区质量强企千百行动方案》的范围内')
    expect(text).toContain('申请服务')
  })

  it('answers pleasantries with text', async () => {
    const result = await dispatchMessage(core.deps, message('谢谢'))
    expect(result).toMatchObject({ intent: 'smalltalk', replies: [{ kind: 'text' }] })
  })
})

describe('knowledge card actions', () => {
  it('查看原文 sends the verbatim source with its section', async () => {
    const result = await dispatchCardAction(core.deps, click('knowledge.source', { entry: 'three-same' }), null)
    const reply = result.replies?.[0]
    expect(reply?.kind).toBe('card')
    const text = reply?.kind === 'card' ? renderCardText(reply.card).text : ''
    expect(text).toContain('鼓励帮扶企业通过自我声明或第三方评价等方式满足“三同”要求')
    expect(text).toContain('出处：《瓯海区质量强企千百行动方案》三、(六)')
  })

  it('查看原文 for an entry that no longer exists answers with a toast', async () => {
    const result = await dispatchCardAction(core.deps, click('knowledge.source', { entry: 'gone' }), null)
    expect(result.cardResponse?.toast?.type).toBe('warning')
  })

  it('records feedback once per person and answer, keeping the latest vote', async () => {
    const value = { entry: 'quality-loan', helpful: 1, q: '标准贷利率多少？' }
    const first = await dispatchCardAction(core.deps, click('knowledge.feedback', value), null)
    expect(first.cardResponse?.toast).toEqual({ type: 'success', text: '感谢您的反馈！' })
    await dispatchCardAction(core.deps, click('knowledge.feedback', { ...value, helpful: '0' }), null)
    await dispatchCardAction(core.deps, click('knowledge.feedback', value, 'ou_accountant'), null)
    const rows = await core.deps.db.answerFeedback.findMany({ orderBy: { userId: 'asc' } })
    expect(rows.map((r) => [r.userId, r.entryId, r.helpful, r.question])).toEqual([
      ['ou_accountant', 'quality-loan', true, '标准贷利率多少？'],
      ['ou_boss', 'quality-loan', false, '标准贷利率多少？'],
    ])
  })

  it('refuses a malformed feedback value', async () => {
    const result = await dispatchCardAction(core.deps, click('knowledge.feedback', { entry: 'x', helpful: 5 }), null)
    expect(result.cardResponse?.toast?.type).toBe('error')
  })
})
