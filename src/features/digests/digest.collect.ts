// What one digest says to each of its recipients at an instant: every active staff member the digest is for, the
// features' contributions collected once (src/bot/digest.ts), and each person's sections from memory. The job
// (digest.job.ts) sends these as cards; the console's 我的待办 page shows one person's, from this same function.
import type { DigestRecipient, DigestRun, DigestSection, DigestSectionFor } from '../../bot/digest.ts'
import type { CoreDeps } from '../../deps.ts'
import { periodStart } from '../../jobs/period.ts'
import { listActiveStaff } from '../staff/staff.repo.ts'
import type { StaffView } from '../staff/staff.schema.ts'
import type { DigestSpec } from './digest.specs.ts'

const WEEK_MS = 7 * 24 * 3600_000
const DAY_MS = 24 * 3600_000

function spanOf(spec: DigestSpec, at: Date): { from: Date; to: Date } {
  const start = periodStart(spec.period, at)
  if (spec.kind === 'weekly') return { from: new Date(start.getTime() - WEEK_MS), to: start }
  return { from: start, to: new Date(start.getTime() + DAY_MS) }
}

export interface CollectedDigest {
  run: DigestRun
  /** The recipients' staff rows, in the order of `run.recipients`. */
  staff: StaffView[]
  sectionsFor(recipient: DigestRecipient): DigestSection[]
}

/**
 * The digest for the period of `firedAt`, its clocks read at `builtAt`. Everyone the digest is for is a recipient
 * (a department view counts per staff member from them), whoever is asked about afterwards.
 */
export async function collectDigest(
  deps: CoreDeps,
  spec: DigestSpec,
  at: { firedAt: Date; builtAt: Date; period: string },
): Promise<CollectedDigest> {
  const staff = (await listActiveStaff(deps.db)).filter((s) => spec.for(s))
  const recipients: DigestRecipient[] = staff.map((s) => ({
    id: s.id,
    name: s.name,
    department: s.department,
    role: s.role,
    isLead: s.isLead,
  }))
  const run: DigestRun = {
    kind: spec.kind,
    period: at.period,
    now: at.builtAt,
    ...spanOf(spec, at.firedAt),
    recipients,
  }
  const answers: DigestSectionFor[] = []
  for (const { contribution } of deps.handlers.digests) answers.push(await contribution.collect(deps, run))
  return { run, staff, sectionsFor: (recipient) => answers.flatMap((answer) => answer(recipient) ?? []) }
}
