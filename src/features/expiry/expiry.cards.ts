// The certificate cards (cards/cert-*.json) and how they are filled. 申请服务 opens a 认证认可 ticket through the
// tickets feature's own button (ticket.start).
import { z } from 'zod'
import certExpiryTemplate from '../../../cards/cert-expiry.json' with { type: 'json' }
import certListTemplate from '../../../cards/cert-list.json' with { type: 'json' }
import { actionButtonSchema } from '../../cards/model.ts'
import { defineCard } from '../../cards/registry.ts'

const field = z.object({ label: z.string(), value: z.string() })

export const certExpiryCard = defineCard(
  'cert-expiry',
  certExpiryTemplate,
  z.object({
    days: z.number(),
    enterprise: z.string(),
    fields: z.array(field),
    forStaff: z.boolean(),
    buttons: z.array(actionButtonSchema),
  }),
)

export const certListCard = defineCard(
  'cert-list',
  certListTemplate,
  z.object({
    enterprise: z.string(),
    items: z.array(z.object({ line: z.string() })),
    empty: z.string().optional(),
    buttons: z.array(actionButtonSchema),
  }),
)

export const APPLY_CERTIFICATION = {
  label: '申请服务',
  action: 'ticket.start',
  style: 'primary' as const,
  value: { category: 'certification' },
  number: 1,
}
