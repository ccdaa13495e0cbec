// The `bind` flow: while it is active, every message is the answer to "请回复统一社会信用代码" (or a one-time
// code, for someone whose request already has one). "取消" is handled by the dispatcher.
import { type FlowHandler, text } from '../../../bot/handler.ts'
import { BIND_FLOW, submitCreditCode } from '../binding.dialogue.ts'
import { awaitsCode, redeemBindingCode } from '../binding-code.service.ts'
import { extractOneTimeCode } from '../one-time-code.ts'
import { codeRedemptionReply } from './code-reply.ts'

export const bindFlow: FlowHandler = {
  flow: BIND_FLOW,
  async handle({ deps, event, conversation }) {
    const state = await conversation.current()
    const code = extractOneTimeCode(event.text)
    if (code && (await awaitsCode(deps, event.sender))) {
      await conversation.end()
      return { intent: 'bind', replies: [text(codeRedemptionReply(await redeemBindingCode(deps, event.sender, code)))] }
    }
    const tries = typeof state?.data.tries === 'number' ? state.data.tries : 0
    return submitCreditCode(deps, event.sender, conversation, event.text, tries)
  },
}
