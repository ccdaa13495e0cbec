// The digest cards' templates bound to the data they take.
import { z } from 'zod'
import digestSettingsTemplate from '../../../cards/digest-settings.json' with { type: 'json' }
import staffDigestTemplate from '../../../cards/staff-digest.json' with { type: 'json' }
import { type ActionButton, actionButtonSchema } from '../../cards/model.ts'
import { defineCard } from '../../cards/registry.ts'

export type DigestCardButton = ActionButton

export const staffDigestCard = defineCard(
  'staff-digest',
  staffDigestTemplate,
  z.object({
    title: z.string(),
    subtitle: z.string(),
    tone: z.enum(['blue', 'orange', 'red', 'green', 'grey']),
    sections: z.array(z.object({ text: z.string() })).min(1),
    note: z.string().optional(),
    buttons: z.array(actionButtonSchema).max(5),
  }),
)

export const digestSettingsCard = defineCard(
  'digest-settings',
  digestSettingsTemplate,
  z.object({
    title: z.string(),
    fields: z.array(z.object({ label: z.string(), value: z.string() })),
    note: z.string().optional(),
    buttons: z.array(actionButtonSchema).max(5),
  }),
)
