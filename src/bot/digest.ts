// What a feature contributes to a staff member's digest (the daily 待办 card, the weekly summary for department
// leads), without the digest knowing the feature: each feature that has something to say exports a
// `DigestContribution` as its Feature's `digest`, and the digests feature asks every one of them, in the order of
// the feature list, for each recipient. The tickets feature contributes open tickets, SLA clocks and approvals;
// duty check-ins and alerts plug in the same way.
//
// The shape is two-phase on purpose: `collect` runs once per digest run and loads in bulk what every section needs
// (one query over the tickets, not one per person: a thousand staff over a hundred thousand tickets stays fast),
// then the function it returns answers for each recipient from memory.
import type { CoreDeps } from '../deps.ts'

/** Who a digest is for: a staff member as every feature may see them (no import of the staff feature). */
export interface DigestRecipient {
  id: number
  name: string
  department: string
  /** staff | official | admin */
  role: string
  /** Department lead (gets the weekly summary). */
  isLead: boolean
}

/** daily: the working-morning 待办 card; weekly: the Monday summary of last week for department leads. */
export type DigestKind = 'daily' | 'weekly'

export interface DigestRun {
  kind: DigestKind
  /** The job's period key (`2026-12-03`, `2026-W49`). */
  period: string
  /** When the digest is built: SLA clocks are read at this instant. */
  now: Date
  /** The span the digest reports on: daily, the local day of `now`; weekly, last Monday 00:00 to this Monday 00:00. */
  from: Date
  to: Date
  /** Everyone the digest goes to this run (a department view counts per staff member from it). */
  recipients: readonly DigestRecipient[]
}

/** A button a section offers. The digest keeps the first few across all sections (platforms limit buttons). */
export interface DigestButton {
  label: string
  /** A card action some feature handles (e.g. `ticket.accept`): the click is authorised there, as everywhere. */
  action: string
  value: Record<string, string | number | boolean>
  /** The reply number it keeps where buttons are pressed by typing a number (CardButton.number). */
  number?: number
}

export interface DigestSection {
  /** Short heading: 工单, 日管控 … */
  title: string
  /** One-line summary shown under the heading (counts), e.g. "在办 5 件，其中已超时 1 件、今日到期 2 件". */
  summary?: string
  /** Markdown lines, most urgent first; the card shows the first few and says how many more there are. */
  lines: string[]
  /** Lines left out of `lines` (shown as "另有 n 项"). */
  more?: number
  /** Something is overdue or due today: the card's tone says so. */
  urgent?: boolean
  buttons?: DigestButton[]
}

/** The section for one recipient, or null when the feature has nothing for them (no section is shown). */
export type DigestSectionFor = (recipient: DigestRecipient) => DigestSection | null

export interface DigestContribution {
  /** Loads in bulk what the sections of this run need, once, and returns the per-recipient answer. */
  collect(deps: CoreDeps, run: DigestRun): Promise<DigestSectionFor>
}
