// Recognizes requests for a list of standards ("鞋类有哪些浙江制造标准"); how-to questions go to the knowledge base.
import type { IntentRecognizer } from '../../bot/handler.ts'
import { parseStandardsQuestion } from './standards.question.ts'

export const standardsRecognizer: IntentRecognizer = {
  name: 'standards',
  recognize(text) {
    const question = parseStandardsQuestion(text)
    return question ? { intent: 'standards_list', confidence: 0.9, data: { ...question } } : null
  },
}
