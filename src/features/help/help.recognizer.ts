// Questions about the bot itself: "帮助", "你能做什么", "菜单" … Anchored, so a policy question that merely
// contains "有哪些服务" (e.g. "标准化工作有哪些服务") still reaches the knowledge classifier.
import type { IntentRecognizer } from '../../bot/handler.ts'

const HELP =
  /^(帮助|help|菜单|功能|\?|？|你(都)?能(做|干|帮我?)(些)?(什么|啥)[？?]?|(你|机器人|助手)?有(哪些|什么)(功能|服务)[？?]?|怎么(用|使用)(你|这个机器人|这个助手)?[？?]?|使用说明)$/i
const NOT_A_QUESTION = /^[\d\s.,，。!！?？、:：;；()（）-]+$/

export const helpRecognizer: IntentRecognizer = {
  name: 'help',
  recognize: (text) => (HELP.test(text.trim()) ? { intent: 'help', confidence: 1 } : null),
}

/**
 * A bare number or symbol (a button number typed where there is no card to press) is no question at all: it gets
 * the menu rather than a policy answer picked by chance. Registered just before the knowledge classifier, so the
 * recognizers that do expect numbers (one-time binding codes …) see them first.
 */
export const notAQuestionRecognizer: IntentRecognizer = {
  name: 'not_a_question',
  recognize: (text) => (NOT_A_QUESTION.test(text.trim()) ? { intent: 'help', confidence: 1 } : null),
}
