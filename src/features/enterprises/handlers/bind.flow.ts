// The `bind` flow: its one step waits for the credit code (or a one-time code, for someone whose request already
// has one). What looks like a code is its answer; a question or command typed instead is answered while the flow
// waits, and a sentence is asked again without using up a try (src/bot/digression.ts). 取消 and 继续 are the core's.
import { type FlowHandler, type FlowStep, text } from '../../../bot/handler.ts'
import { BIND_FLOW, CREDIT_CODE_PROMPT, submitCreditCode } from '../binding.dialogue.ts'
import { awaitsCode, redeemBindingCode } from '../binding-code.service.ts'
import { extractCreditCode } from '../credit-code.ts'
import { extractOneTimeCode } from '../one-time-code.ts'
import { codeRedemptionReply } from './code-reply.ts'

/** Letters and digits (a code, however mistyped), or a code inside a sentence. */
const looksLikeCode = (answer: string) =>
  Boolean(extractOneTimeCode(answer) ?? extractCreditCode(answer)) ||
  /^[0-9A-Za-z０-９Ａ-Ｚａ-ｚ\s\-—_·]{6,}$/.test(answer.trim())

const CREDIT_CODE_STEP: FlowStep = {
  input: 'code',
  accepts: looksLikeCode,
  prompt: CREDIT_CODE_PROMPT,
  retry: `还需要贵企业的统一社会信用代码：${CREDIT_CODE_PROMPT}`,
}

export const bindFlow: FlowHandler = {
  flow: BIND_FLOW,
  label: '企业绑定',
  restart: '绑定企业',
  intents: ['bind'],
  step: () => CREDIT_CODE_STEP,
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
