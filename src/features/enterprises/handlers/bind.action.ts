// The 绑定企业 button (on eligibility, finder and notice cards): starts the same dialogue as typing "绑定企业".
import type { CardActionHandler } from '../../../bot/handler.ts'
import { startBindDialogue } from '../binding.dialogue.ts'

export const bindAction: CardActionHandler = {
  action: 'enterprise.bind',
  handle: ({ deps, event, conversation }) => startBindDialogue(deps, event.operator, conversation),
}
