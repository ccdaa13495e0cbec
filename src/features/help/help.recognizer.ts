// Questions about the bot itself: "帮助", "你能做什么", "菜单" …
import type { IntentRecognizer } from '../../bot/handler.ts'

const HELP =
  /^(帮助|help|菜单|功能|\?|？)$|你(都)?能(做|干|帮)(些)?(什么|啥)|有(哪些|什么)(功能|服务)|怎么(用|使用)(你|这个)|使用说明/i

export const helpRecognizer: IntentRecognizer = {
  name: 'help',
  recognize: (text) => (HELP.test(text.trim()) ? { intent: 'help', confidence: 1 } : null),
}
