// The 还能争取哪些奖 button on the eligibility card.
import type { CardActionHandler } from '../../../bot/handler.ts'
import { answerFinder } from '../eligibility.service.ts'
import { bundledRules } from '../rules.bundle.ts'

export const finderAction: CardActionHandler = {
  action: 'eligibility.finder',
  handle: ({ deps, event }) => answerFinder(deps, bundledRules(), event.operator),
}
