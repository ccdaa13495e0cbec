// Which questions the eligibility recognizer takes, and which it leaves to the knowledge base.
import { expect, test } from 'vitest'
import { parseEligibilityQuestion, readEligibilityQuestion } from '../../src/features/eligibility/question.ts'

test.each([
  ['我们能办质量贷吗？', { kind: 'loan', product: '质量贷' }],
  ['标准贷需要什么条件', { kind: 'loan', product: '标准贷' }],
  ['我们公司符合质量贷的条件吗', { kind: 'loan', product: '质量贷' }],
  ['我们企业够不够格申请贷款增信', { kind: 'loan', product: undefined }],
  ['我们还能争取哪些奖？', { kind: 'finder' }],
  ['还可以申报什么认证', { kind: 'finder' }],
  ['哪些荣誉我们还能争取', { kind: 'finder' }],
  // …unless the message also asks about us.
  ['质量贷方案里怎么规定的，我们能办吗', { kind: 'loan', product: '质量贷' }],
  ['我们厂能办质量贷吗？要什么条件？', { kind: 'loan', product: '质量贷' }],
  // Which honours count for the loan is about the loan, not the awards to pursue next.
  ['质量贷能拿什么荣誉去增信', { kind: 'loan', product: '质量贷' }],
])('%s → %o', (text, expected) => {
  expect(parseEligibilityQuestion(text)).toEqual(expected)
})

test.each([
  '质量贷是什么',
  '质量贷利率多少',
  '质量贷能贷多少额度',
  '品字标认证有什么扶持',
  '帮助',
  '我要申请计量校准',
  // Another kind of loan is not the plan's 增信: the knowledge feature declines it.
  '我们想申请创业担保贷款，需要什么条件',
  '抵押贷款能不能办',
  // What the plan says about it, and the loan as one of several questions: the knowledge answer quotes each.
  '听说有个质量贷可以拿荣誉去增信，方案里是怎么写的？',
  '争创质量奖有什么辅导？拿了奖能拿来贷款增信吗？',
  '品字标打造目标几家？另外质量贷能拿什么荣誉去增信？',
])('%s is left to others', (text) => {
  expect(parseEligibilityQuestion(text)).toBeNull()
})

test('from the knowledge classifier, the question is read from the text alone', () => {
  expect(readEligibilityQuestion('质量贷', { entryIds: ['quality-loan'] })).toEqual({ kind: 'loan', product: '质量贷' })
  expect(readEligibilityQuestion('我们适合评什么奖')).toEqual({ kind: 'finder' })
  expect(readEligibilityQuestion('有资格吗')).toEqual({ kind: 'loan', product: undefined })
})
