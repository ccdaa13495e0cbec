// The ticket cards' templates bound to the data they take (zod, owned by this feature).
import { z } from 'zod'
import ticketApprovalTemplate from '../../../cards/ticket-approval.json' with { type: 'json' }
import ticketConfirmTemplate from '../../../cards/ticket-confirm.json' with { type: 'json' }
import ticketEscalationTemplate from '../../../cards/ticket-escalation.json' with { type: 'json' }
import ticketFormTemplate from '../../../cards/ticket-form.json' with { type: 'json' }
import ticketListTemplate from '../../../cards/ticket-list.json' with { type: 'json' }
import ticketSatisfactionTemplate from '../../../cards/ticket-satisfaction.json' with { type: 'json' }
import ticketTaskTemplate from '../../../cards/ticket-task.json' with { type: 'json' }
import { type ActionButton, actionButtonSchema } from '../../cards/model.ts'
import { defineCard } from '../../cards/registry.ts'

const field = z.object({ label: z.string(), value: z.string() })
const scalar = z.union([z.string(), z.number(), z.boolean()])
export type Button = ActionButton

export const ticketFormCard = defineCard(
  'ticket-form',
  ticketFormTemplate,
  z.object({
    categoryOptions: z.array(z.object({ value: z.string(), label: z.string() })),
    initialCategory: z.string().optional(),
    enterpriseName: z.string().optional(),
  }),
)
export const confirmCard = defineCard(
  'ticket-confirm',
  ticketConfirmTemplate,
  z.object({
    number: z.string(),
    categoryLabel: z.string(),
    statusLabel: z.string(),
    assigneeName: z.string().optional(),
    firstResponseDue: z.string().optional(),
    phoneMasked: z.string(),
    preferredTime: z.string().optional(),
    hint: z.string().optional(),
  }),
)
export const taskCard = defineCard(
  'ticket-task',
  ticketTaskTemplate,
  z.object({
    heading: z.string(),
    number: z.string(),
    tone: z.string(),
    fields: z.array(field),
    description: z.string(),
    note: z.string().optional(),
    buttons: z.array(actionButtonSchema),
  }),
)
export const approvalCard = defineCard(
  'ticket-approval',
  ticketApprovalTemplate,
  z.object({
    number: z.string(),
    tone: z.string(),
    fields: z.array(field),
    description: z.string(),
    decided: z.string().optional(),
    form: z.boolean(),
    formValue: z.record(z.string(), scalar),
    buttons: z.array(actionButtonSchema),
    note: z.string().optional(),
  }),
)
export const ticketListCard = defineCard(
  'ticket-list',
  ticketListTemplate,
  z.object({
    title: z.string(),
    items: z.array(z.object({ number: z.string(), category: z.string(), status: z.string(), time: z.string() })),
    empty: z.string().optional(),
    hint: z.string().optional(),
  }),
)
export const satisfactionCard = defineCard(
  'ticket-satisfaction',
  ticketSatisfactionTemplate,
  z.object({
    number: z.string(),
    categoryLabel: z.string(),
    assigneeName: z.string(),
    result: z.string().optional(),
    form: z.boolean(),
    formValue: z.record(z.string(), scalar),
    buttons: z.array(actionButtonSchema),
  }),
)
export const escalationCard = defineCard(
  'ticket-escalation',
  ticketEscalationTemplate,
  z.object({ number: z.string(), reason: z.string(), fields: z.array(field) }),
)
