// "解除绑定": the contact stops speaking for the enterprise; binding again needs a new confirmation.
import { type MessageHandler, text } from '../../../bot/handler.ts'
import { unbind } from '../binding.service.ts'

export const unbindHandler: MessageHandler = {
  intent: 'unbind',
  async handle({ deps, event }) {
    const outcome = await unbind(deps, event.sender)
    const reply = outcome.ok
      ? `已为您解除与“${outcome.enterprise}”的绑定。如需重新绑定，请发送“绑定企业”。`
      : '您当前没有绑定企业，无需解除。如需绑定，请发送“绑定企业”。'
    return { intent: 'unbind', replies: [text(reply)] }
  },
}
