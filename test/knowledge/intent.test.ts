import { describe, expect, it } from 'vitest'
import { silentTopics } from '../../src/features/knowledge/silence.ts'
import { realKnowledge, realService } from './helpers.ts'

const service = await realService()
const kb = await realKnowledge()

describe('intent classification on the real knowledge base', () => {
  it.each([
    ['你好', 'smalltalk'],
    ['谢谢，再见', 'smalltalk'],
    ['你能做什么', 'help'],
    ['质量贷是什么', 'policy_answer'],
    ['我们企业能办质量贷吗', 'eligibility'],
    ['我要申请上门校准', 'ticket'],
    ['今天天气怎么样', 'out_of_scope'],
    ['食品经营许可证怎么办', 'out_of_scope'],
  ])('%s → %s', (question, intent) => {
    expect(service.classify(question).intent).toBe(intent)
  })

  it('cuts an out-of-scope topic out but still answers a real domain question beside it', () => {
    const c = service.classify('我们有营业执照，质量贷是什么')
    expect(c.intent).toBe('policy_answer')
    expect(c.data.entryIds[0]).toBe('quality-loan')
  })

  it('declines a generic word next to an out-of-scope topic instead of matching it', () => {
    expect(service.classify('外卖平台怎么入驻').intent).toBe('out_of_scope')
  })

  it('names the out-of-scope topic it declined', () => {
    expect(service.classify('社保怎么交').data).toMatchObject({ reason: 'topic', topic: '社保' })
  })

  it('carries the ticket category of the best entry', () => {
    expect(service.classify('帮我约一下计量院来厂里校准设备').data.category).toBe('metrology')
  })
})

describe('what the plan is silent on', () => {
  const entry = (id: string) => kb.entries.find((e) => e.id === id)!

  it('finds the entry labels a question asks about', () => {
    expect(silentTopics('质量贷利率多少，额度多少', entry('quality-loan'), kb.dictionary)).toEqual([
      '贷款额度',
      '贷款利率',
    ])
  })

  it('prefers the entry label over a generic one for the same phrasing', () => {
    expect(silentTopics('世界计量日是哪天', entry('publicity-days'), kb.dictionary)).toEqual(['活动日期'])
  })

  it('says nothing when the question asks nothing the plan omits', () => {
    expect(silentTopics('质量贷是什么', entry('quality-loan'), kb.dictionary)).toEqual([])
  })
})

describe('the answer', () => {
  it('cites the section and offers the next steps with the entry and category', () => {
    const answer = service.answer('质量贷利率多少', ['quality-loan'])!
    expect(answer.citations).toEqual([
      { id: 'quality-loan', source: '《瓯海区质量强企千百行动方案》四、(三)', title: answer.entry.title },
    ])
    const texts = answer.card.blocks.map((b) => ('text' in b ? b.text : ''))
    expect(texts).toContain('依据：《瓯海区质量强企千百行动方案》四、(三)')
    expect(texts.some((t) => t.includes('方案未明确贷款利率') && t.includes('建议提交服务申请'))).toBe(true)
    expect(answer.card.actions.map((a) => [a.action, a.value])).toEqual([
      ['ticket.start', { category: 'quality_loan' }],
      ['knowledge.source', { entry: 'quality-loan' }],
      ['knowledge.feedback', { entry: 'quality-loan', helpful: 1, q: '质量贷利率多少' }],
      ['knowledge.feedback', { entry: 'quality-loan', helpful: 0, q: '质量贷利率多少' }],
    ])
  })

  it('reloads: a new entry is searchable at once, a removed one is gone', () => {
    const local = { ...kb, entries: kb.entries.filter((e) => e.id !== 'three-same') }
    const svc = service
    svc.reload(local)
    expect(svc.get('three-same')).toBeUndefined()
    svc.reload(kb)
    expect(svc.classify('三同是啥').data.entryIds[0]).toBe('three-same')
  })
})
