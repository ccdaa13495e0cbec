// "绑定企业" / "我是XX公司的" / a pasted credit code / a one-time code: starts or completes binding.
import { type MessageHandler, text } from '../../../bot/handler.ts'
import { startBindDialogue } from '../binding.dialogue.ts'
import { redeemBindingCode } from '../binding-code.service.ts'
import { codeRedemptionReply } from './code-reply.ts'

export const bindHandler: MessageHandler = {
  intent: 'bind',
  async handle({ deps, event, conversation, intent }) {
    const code = typeof intent.data?.code === 'string' ? intent.data.code : undefined
    if (code) {
      const outcome = await redeemBindingCode(deps, event.sender, code)
      return { intent: 'bind', replies: [text(codeRedemptionReply(outcome))] }
    }
    const creditCode = typeof intent.data?.creditCode === 'string' ? intent.data.creditCode : undefined
    return startBindDialogue(deps, event.sender, conversation, creditCode)
  },
}
