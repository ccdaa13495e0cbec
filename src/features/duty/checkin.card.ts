// The check-in card (cards/duty-checkin.json) bound to its data, and how a check-in row becomes that data.
import { z } from 'zod'
import checkinTemplate from '../../../cards/duty-checkin.json' with { type: 'json' }
import { defineCard } from '../../cards/registry.ts'
import { shortTime } from '../tickets/time.ts'
import { type CheckinKind, DUTY_CONFIG, kindLabel } from './duty.config.ts'
import { periodLabel } from './periods.ts'

export const checkinCard = defineCard(
  'duty-checkin',
  checkinTemplate,
  z.object({
    checkinId: z.number().int().positive(),
    kind: z.string(),
    enterprise: z.string(),
    period: z.string(),
    due: z.string(),
    items: z.array(z.object({ text: z.string() })),
    reminder: z.string().default(''),
    result: z.string().default(''),
  }),
)

export const checkinSubject = (id: number) => `duty:${id}`

export interface CheckinRow {
  id: number
  kind: string
  period: string
  status: string
  dueAt: Date
  answeredAt: Date | null
  ticketId: number | null
}

/** What the card says once answered (empty while pending: the buttons show). */
export function resultText(row: CheckinRow, answeredBy: string | null, ticketNumber: string | null): string {
  const by = [answeredBy, row.answeredAt ? shortTime(row.answeredAt) : null].filter(Boolean).join(' · ')
  const tail = by ? ` · ${by}` : ''
  if (row.status === 'done') return `已完成${tail}`
  if (row.status === 'problem')
    return `已反馈有问题${ticketNumber ? `（工单 ${ticketNumber}）` : ''}，质量管家将与您联系${tail}`
  if (row.status === 'missed') return '已逾期未反馈，已告知质量管家。'
  return ''
}

export function renderCheckinCard(
  row: CheckinRow,
  enterpriseName: string,
  options: { reminder?: string; answeredBy?: string | null; ticketNumber?: string | null } = {},
) {
  const config = DUTY_CONFIG.kinds[row.kind as CheckinKind]
  return {
    ...checkinCard({
      checkinId: row.id,
      kind: kindLabel(row.kind),
      enterprise: enterpriseName,
      period: periodLabel(row.kind, row.period),
      due: shortTime(row.dueAt),
      items: (config?.items ?? []).map((text) => ({ text })),
      reminder: options.reminder ?? '',
      result: resultText(row, options.answeredBy ?? null, options.ticketNumber ?? null),
    }),
    subject: checkinSubject(row.id),
  }
}
