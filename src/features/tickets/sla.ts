// Service-level targets per category (sla.json) on the working calendar (holidays.json), both maintained by staff.
import { z } from 'zod'
import holidays from './holidays.json' with { type: 'json' }
import sla from './sla.json' with { type: 'json' }
import { addWorkingMinutes, buildCalendar, type WorkCalendar } from './working-hours.ts'

const targetSchema = z.object({ firstResponseHours: z.number().positive(), resolutionHours: z.number().positive() })
export type SlaTarget = z.infer<typeof targetSchema>

const slaFileSchema = z.object({
  workingHours: z.array(z.object({ start: z.string(), end: z.string() })),
  default: targetSchema,
  categories: z.record(z.string(), targetSchema),
})

const SLA = slaFileSchema.parse(sla)
export const WORK_CALENDAR: WorkCalendar = buildCalendar({ workingHours: SLA.workingHours, ...holidays })

export const slaTarget = (category: string): SlaTarget => SLA.categories[category] ?? SLA.default

export interface SlaDue {
  firstResponseDue: Date
  resolutionDue: Date
}

export function computeSlaDue(category: string, openedAt: Date, calendar: WorkCalendar = WORK_CALENDAR): SlaDue {
  const target = slaTarget(category)
  return {
    firstResponseDue: addWorkingMinutes(openedAt, target.firstResponseHours * 60, calendar),
    resolutionDue: addWorkingMinutes(openedAt, target.resolutionHours * 60, calendar),
  }
}

export interface SlaClock {
  status: string
  firstResponseDue: Date | null
  resolutionDue: Date | null
  firstRespondedAt: Date | null
  resolvedAt: Date | null
  escalatedAt: Date | null
}

const STOPPED = new Set(['resolved', 'closed'])

/** Which target is missed at `now`, if any. Clocks stop once the ticket is resolved; escalation happens once. */
export function overdueReason(ticket: SlaClock, now: Date): 'first_response' | 'resolution' | null {
  if (STOPPED.has(ticket.status) || ticket.resolvedAt || ticket.escalatedAt) return null
  if (!ticket.firstRespondedAt && ticket.firstResponseDue && ticket.firstResponseDue <= now) return 'first_response'
  if (ticket.resolutionDue && ticket.resolutionDue <= now) return 'resolution'
  return null
}
