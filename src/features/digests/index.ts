// The digests feature: the staff's daily 待办 card (working days 08:30) and the department leads' Monday summary,
// each built from what the features contribute (Feature.digest, src/bot/digest.ts) without importing them, and
// each person's preferences for them (mute, time, quiet hours, undo) from the card itself.
import type { Feature } from '../../bot/feature.ts'
import { digestSettingsCard, staffDigestCard } from './digest.cards.ts'
import { digestJob } from './digest.job.ts'
import { DIGESTS } from './digest.specs.ts'
import { digestsConsole } from './digests.console.tsx'
import {
  digestMuteAction,
  digestQuietAction,
  digestSettingsAction,
  digestTimeAction,
  digestUndoAction,
  digestUnmuteAction,
} from './handlers/settings.actions.ts'

export const digestsFeature: Feature = {
  name: 'digests',
  actions: [
    digestSettingsAction,
    digestMuteAction,
    digestUnmuteAction,
    digestTimeAction,
    digestQuietAction,
    digestUndoAction,
  ],
  cards: [staffDigestCard, digestSettingsCard],
  jobs: DIGESTS.map(digestJob),
  console: digestsConsole,
}
