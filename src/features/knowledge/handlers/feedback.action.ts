// 👍/👎 on an answer: recorded in AnswerFeedback for staff to review. A second click by the same person on the same
// answer changes their vote instead of adding another.
import { z } from 'zod'
import type { CardActionHandler } from '../../../bot/handler.ts'

const valueSchema = z.object({
  entry: z.string().min(1).max(100),
  helpful: z.coerce.number().int().min(0).max(1),
  q: z.string().max(200).optional(),
})

export const knowledgeFeedbackAction: CardActionHandler = {
  action: 'knowledge.feedback',
  async handle({ deps, event }) {
    const value = valueSchema.safeParse(event.value)
    if (!value.success) {
      return {
        intent: 'knowledge.feedback',
        cardResponse: { toast: { type: 'error', text: '反馈提交失败，请稍后再试。' } },
      }
    }
    const { entry, q } = value.data
    const helpful = value.data.helpful === 1
    const who = { entryId: entry, platform: event.platform, userId: event.operator.userId, question: q || null }
    const previous = await deps.db.answerFeedback.findFirst({ where: who, select: { id: true } })
    if (previous) await deps.db.answerFeedback.update({ where: { id: previous.id }, data: { helpful } })
    else await deps.db.answerFeedback.create({ data: { ...who, helpful } })
    deps.log.info('answer feedback', { entry, helpful })
    const text = helpful ? '感谢您的反馈！' : '感谢反馈，我们会改进这条回答；如需进一步帮助，可点击“申请服务”。'
    return { intent: 'knowledge.feedback', cardResponse: { toast: { type: 'success', text } } }
  },
}
