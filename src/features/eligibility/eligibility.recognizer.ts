// Recognizes 质量贷/标准贷 eligibility questions and "还能争取哪些奖/认证" (asked before the knowledge classifier).
import type { IntentRecognizer } from '../../bot/handler.ts'
import { parseEligibilityQuestion } from './question.ts'

export const eligibilityRecognizer: IntentRecognizer = {
  name: 'eligibility',
  recognize(text) {
    const question = parseEligibilityQuestion(text)
    return question ? { intent: 'eligibility', confidence: 0.9, data: { ...question } } : null
  },
}
