// One staff member's daily digest as the card would show it now: the job's own collection (digest.collect.ts) with
// everyone the digest is for as recipients (an official's department counts come from them), rendered with the
// job's own card (digest.card.ts). For the console's 我的待办 page.
import type { CardModel } from '../../cards/model.ts'
import type { CoreDeps } from '../../deps.ts'
import { periodKey } from '../../jobs/period.ts'
import { renderDigestCard } from './digest.card.ts'
import { collectDigest } from './digest.collect.ts'
import type { DigestSpec } from './digest.specs.ts'

/** The card `staffId` would get from `spec` if it ran now; null when they have nothing to report (no card). */
export async function digestCardNow(deps: CoreDeps, spec: DigestSpec, staffId: number): Promise<CardModel | null> {
  const now = deps.clock.now()
  const { run, sectionsFor } = await collectDigest(deps, spec, {
    firedAt: now,
    builtAt: now,
    period: periodKey(spec.period, now),
  })
  const recipient = run.recipients.find((r) => r.id === staffId)
  const sections = recipient ? sectionsFor(recipient) : []
  return recipient && sections.length ? renderDigestCard(spec, recipient, sections, now, run) : null
}
