// The alert cards' templates (cards/alert-*.json) bound to the data they take.
import { z } from 'zod'
import alertApprovalTemplate from '../../../cards/alert-approval.json' with { type: 'json' }
import alertEscalationTemplate from '../../../cards/alert-escalation.json' with { type: 'json' }
import alertFormTemplate from '../../../cards/alert-form.json' with { type: 'json' }
import alertListTemplate from '../../../cards/alert-list.json' with { type: 'json' }
import alertNoticeTemplate from '../../../cards/alert-notice.json' with { type: 'json' }
import alertPreviewTemplate from '../../../cards/alert-preview.json' with { type: 'json' }
import alertStaffTemplate from '../../../cards/alert-staff.json' with { type: 'json' }
import alertSummaryTemplate from '../../../cards/alert-summary.json' with { type: 'json' }
import { type ActionButton, actionButtonSchema } from '../../cards/model.ts'
import { defineCard } from '../../cards/registry.ts'

const field = z.object({ label: z.string(), value: z.string() })
const option = z.object({ value: z.string(), label: z.string() })
export type AlertButton = ActionButton
const tone = z.enum(['blue', 'orange', 'red', 'green', 'grey'])

export const alertFormCard = defineCard(
  'alert-form',
  alertFormTemplate,
  z.object({ levelOptions: z.array(option), sourceOptions: z.array(option) }),
)
export const alertPreviewCard = defineCard(
  'alert-preview',
  alertPreviewTemplate,
  z.object({
    heading: z.string(),
    tone,
    fields: z.array(field),
    action: z.string(),
    counts: z.array(field),
    note: z.string().optional(),
    buttons: z.array(actionButtonSchema),
  }),
)
export const alertApprovalCard = defineCard(
  'alert-approval',
  alertApprovalTemplate,
  z.object({
    tone,
    fields: z.array(field),
    action: z.string(),
    decided: z.string().optional(),
    buttons: z.array(actionButtonSchema),
  }),
)
export const alertNoticeCard = defineCard(
  'alert-notice',
  alertNoticeTemplate,
  z.object({
    alertId: z.number(),
    heading: z.string(),
    tone,
    title: z.string(),
    fields: z.array(field),
    action: z.string(),
    receipt: z.string().optional(),
    reminder: z.string().optional(),
    buttons: z.array(actionButtonSchema),
  }),
)
export const alertStaffCard = defineCard(
  'alert-staff',
  alertStaffTemplate,
  z.object({ alertId: z.number(), tone, title: z.string(), fields: z.array(field), action: z.string() }),
)
export const alertSummaryCard = defineCard(
  'alert-summary',
  alertSummaryTemplate,
  z.object({
    alertId: z.number(),
    tone,
    title: z.string(),
    status: z.string(),
    counts: z.array(field),
    help: z.string().optional(),
    updated: z.string(),
  }),
)
export const alertEscalationCard = defineCard(
  'alert-escalation',
  alertEscalationTemplate,
  z.object({ alertId: z.number(), title: z.string(), due: z.string(), items: z.array(z.object({ name: z.string() })) }),
)
export const alertListCard = defineCard(
  'alert-list',
  alertListTemplate,
  z.object({
    title: z.string(),
    items: z.array(z.object({ line: z.string() })),
    empty: z.string().optional(),
    hint: z.string().optional(),
  }),
)

export const ALERT_CARDS = [
  alertFormCard,
  alertPreviewCard,
  alertApprovalCard,
  alertNoticeCard,
  alertStaffCard,
  alertSummaryCard,
  alertEscalationCard,
  alertListCard,
]
