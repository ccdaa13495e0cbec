// The digests there are: one job each. A bureau sets the schedule here (the cron, in Asia/Shanghai; wrangler.toml
// mirrors it in UTC) and each person may move their own delivery to one of TIME_CHOICES from the card.
import type { DigestKind, DigestRecipient } from '../../bot/digest.ts'
import type { JobPeriod } from '../../jobs/job.ts'

export interface DigestSpec {
  /** The job's name, also the digest's name in preferences and dedupe keys. */
  name: 'staff-digest' | 'lead-weekly'
  kind: DigestKind
  cron: string
  period: JobPeriod
  /** The local time the cron fires at: a person's digest goes out then unless they chose another time. */
  time: string
  /** Who gets it. */
  for: (recipient: DigestRecipient) => boolean
  /** What people call it (cards, settings). */
  label: string
  description: string
}

export const STAFF_DIGEST: DigestSpec = {
  name: 'staff-digest',
  kind: 'daily',
  // Every day: the job itself skips days off and counts 调休 working weekends (the holiday calendar).
  cron: '30 8 * * *',
  period: 'day',
  time: '08:30',
  for: () => true,
  label: '每日待办提醒',
  description:
    'working days 08:30: each staff member with something to do gets one card (tickets by urgency, approvals …)',
}

export const LEAD_WEEKLY: DigestSpec = {
  name: 'lead-weekly',
  kind: 'weekly',
  cron: '0 9 * * 1',
  period: 'week',
  time: '09:00',
  for: (r) => r.isLead,
  label: '每周工作汇总',
  description: 'Mondays 09:00: department leads get last week’s tickets in/closed, SLA kept, satisfaction, escalations',
}

export const DIGESTS: readonly DigestSpec[] = [STAFF_DIGEST, LEAD_WEEKLY]
export const digestSpec = (name: string) => DIGESTS.find((d) => d.name === name)

/** The delivery times a person may choose from the card (office hours only: a digest never wakes anyone). */
export const TIME_CHOICES = ['08:30', '09:30', '14:00'] as const
