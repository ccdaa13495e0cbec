// Running one digest: on a working day (daily digests), every active staff member the digest is for gets one card
// built from what the features contribute (src/bot/digest.ts), unless they muted it, they have nothing to report,
// or they cannot be reached. Everything is loaded in bulk and queued in a few statements, each message keyed by
// digest, period and person, so a run taken over after a crash queues only what is missing.
import type { CoreDeps } from '../../deps.ts'
import type { Job, JobContext, JobReport } from '../../jobs/job.ts'
import { type EnqueueInput, enqueueMessagesOnce } from '../../outbox/outbox.repo.ts'
import { addressOf } from '../people/addresses.ts'
import { WORK_CALENDAR } from '../tickets/sla.ts'
import type { WorkCalendar } from '../tickets/working-hours.ts'
import { renderDigestCard } from './digest.card.ts'
import { collectDigest } from './digest.collect.ts'
import { deliveryTime } from './digest.delivery.ts'
import { digestKey } from './digest.outbox.ts'
import type { DigestSpec } from './digest.specs.ts'
import { DEFAULT_PREFERENCE, preferencesOf } from './preferences.repo.ts'
import { isLocalWorkingDay } from './quiet-hours.ts'

export interface DigestRunOptions {
  calendar?: WorkCalendar
}

export async function runDigest(
  deps: CoreDeps,
  spec: DigestSpec,
  firedAt: Date,
  context: JobContext,
  options: DigestRunOptions = {},
): Promise<JobReport> {
  const calendar = options.calendar ?? WORK_CALENDAR
  if (spec.kind === 'daily' && !isLocalWorkingDay(firedAt, calendar))
    return { sent: 0, skipped: 0, note: '非工作日，不发送' }
  const now = deps.clock.now()
  // Clocks are read when the digest is built: a caught-up digest shows the SLA clocks as they are now.
  const builtAt = context.trigger === 'catch_up' ? now : firedAt
  const { run, staff, sectionsFor } = await collectDigest(deps, spec, {
    firedAt,
    builtAt,
    period: context.period,
  })
  const recipients = run.recipients
  const preferences = await preferencesOf(deps.db, spec.name)
  const messages: (EnqueueInput & { dedupeKey: string })[] = []
  let skipped = 0
  for (const [i, recipient] of recipients.entries()) {
    const preference = preferences.get(recipient.id) ?? DEFAULT_PREFERENCE
    if (preference.muted) {
      skipped++
      continue
    }
    const sections = sectionsFor(recipient)
    if (!sections.length) continue // nothing to report: no message
    const address = addressOf(staff[i]!, { ports: deps.ports })
    if (!address) {
      skipped++
      continue
    }
    const when = deliveryTime({
      preference,
      time: spec.time,
      period: spec.period,
      periodKey: context.period,
      firedAt,
      now,
      trigger: context.trigger,
      calendar,
    })
    if ('skip' in when) {
      skipped++
      continue
    }
    messages.push({
      address,
      body: { kind: 'card', card: renderDigestCard(spec, recipient, sections, builtAt, run) },
      dedupeKey: digestKey(spec.name, context.period, recipient.id),
      deliverAt: when.at,
    })
  }
  const sent = await deps.db.$transaction((tx) => enqueueMessagesOnce(tx, messages))
  if (sent) deps.outbox.kick()
  deps.log.info('digest queued', { digest: spec.name, period: context.period, sent, skipped })
  return { sent, skipped }
}

export const digestJob = (spec: DigestSpec): Job => ({
  name: spec.name,
  cron: spec.cron,
  period: spec.period,
  catchUp: true,
  description: spec.description,
  run: (deps, firedAt, context) => runDigest(deps, spec, firedAt, context),
})
