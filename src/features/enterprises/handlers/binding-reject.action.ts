// 拒绝, on the card staff receive for a binding request.
import type { CardActionHandler } from '../../../bot/handler.ts'
import { decideFromCard } from './binding-decision.ts'

export const bindingRejectAction: CardActionHandler = {
  action: 'binding.reject',
  handle: (ctx) => decideFromCard(ctx, 'rejected'),
}
