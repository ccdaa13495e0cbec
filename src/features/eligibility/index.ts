// The eligibility feature: 质量贷/标准贷 增信 checks and the awards and certifications an enterprise can still earn,
// from rules/*.yaml and the bound enterprise's profile.
import type { Feature } from '../../bot/feature.ts'
import { eligibilityAdmin } from './eligibility.admin.ts'
import { eligibilityCard, finderCard } from './eligibility.cards.ts'
import { eligibilityRecognizer } from './eligibility.recognizer.ts'
import { eligibilityHandler } from './handlers/eligibility.handler.ts'
import { finderAction } from './handlers/finder.action.ts'

export const eligibilityFeature: Feature = {
  name: 'eligibility',
  recognizers: [eligibilityRecognizer],
  messages: [eligibilityHandler],
  actions: [finderAction],
  cards: [eligibilityCard, finderCard],
  admin: [eligibilityAdmin],
}
