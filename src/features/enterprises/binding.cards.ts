// The cards of the binding flow: the request staff confirm, and the notices the contact sees.
import { z } from 'zod'
import bindingRequestTemplate from '../../../cards/binding-request.json' with { type: 'json' }
import bindingStatusTemplate from '../../../cards/binding-status.json' with { type: 'json' }
import { defineCard } from '../../cards/registry.ts'

export const bindingRequestCard = defineCard(
  'binding-request',
  bindingRequestTemplate,
  z.object({
    bindingId: z.number().int(),
    applicant: z.string().min(1),
    platform: z.string().min(1),
    enterprise: z.string().min(1),
    creditCode: z.string().min(1),
    industry: z.string().min(1),
    town: z.string().default('未登记'),
    requestedAt: z.string().min(1),
    /** Set once decided: the card then shows the outcome and no buttons. */
    decided: z.string().default(''),
    /** Shown after a one-time code was issued (never the code itself: cards are stored). */
    codeNote: z.string().default(''),
  }),
)
export type BindingRequestData = Parameters<typeof bindingRequestCard>[0]

export const bindingStatusCard = defineCard(
  'binding-status',
  bindingStatusTemplate,
  z.object({
    title: z.string().min(1),
    tone: z.enum(['blue', 'green', 'orange', 'red', 'grey']).default('blue'),
    text: z.string().min(1),
    note: z.string().default(''),
    showBind: z.boolean().default(false),
    showTicket: z.boolean().default(false),
  }),
)
