// "我们能办质量贷吗？" / "标准贷需要什么条件" / "我们还能争取哪些奖？" — from this feature's recognizer or from the
// knowledge classifier's `eligibility` intent (then the question is read from the text alone).
import type { MessageHandler } from '../../../bot/handler.ts'
import { answerFinder, answerLoan } from '../eligibility.service.ts'
import { readEligibilityQuestion } from '../question.ts'
import { bundledRules } from '../rules.bundle.ts'

export const eligibilityHandler: MessageHandler = {
  intent: 'eligibility',
  async handle({ deps, event, intent }) {
    const question = readEligibilityQuestion(event.text, intent.data)
    const rules = bundledRules()
    return question.kind === 'finder'
      ? answerFinder(deps, rules, event.sender)
      : answerLoan(deps, rules, event.sender, question)
  },
}
