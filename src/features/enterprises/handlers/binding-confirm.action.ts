// 确认绑定, on the card staff receive for a binding request.
import type { CardActionHandler } from '../../../bot/handler.ts'
import { decideFromCard } from './binding-decision.ts'

export const bindingConfirmAction: CardActionHandler = {
  action: 'binding.confirm',
  handle: (ctx) => decideFromCard(ctx, 'confirmed'),
}
