// The 政策找企业 card to an enterprise and the weekly list to a 质量管家 (cards/policy-*.json).
import { z } from 'zod'
import policyMatchTemplate from '../../../cards/policy-match.json' with { type: 'json' }
import policyWeeklyTemplate from '../../../cards/policy-weekly.json' with { type: 'json' }
import type { CardModel } from '../../cards/model.ts'
import { actionButtonSchema } from '../../cards/model.ts'
import { defineCard } from '../../cards/registry.ts'
import type { RuleMatch } from './rules-match.ts'

export const policyMatchCard = defineCard(
  'policy-match',
  policyMatchTemplate,
  z.object({
    enterprise: z.string(),
    items: z.array(z.object({ title: z.string(), lines: z.string(), clause: z.string(), note: z.string() })),
    buttons: z.array(actionButtonSchema),
    done: z.string().optional(),
  }),
)

export const policyWeeklyCard = defineCard(
  'policy-weekly',
  policyWeeklyTemplate,
  z.object({ period: z.string(), items: z.array(z.object({ line: z.string() })) }),
)

/** The card is about one enterprise: the subject names it, so 不再提醒 is checked against the clicker's binding. */
export const policySubject = (enterpriseId: number) => `policy:${enterpriseId}`

export function renderMatchCard(
  enterprise: { id: number; name: string },
  matches: RuleMatch[],
  done?: string,
): CardModel {
  const card = policyMatchCard({
    enterprise: enterprise.name,
    items: matches.map((m) => ({ title: m.title, lines: m.lines.join('\n'), clause: m.clause, note: m.note })),
    buttons: done
      ? []
      : [
          {
            label: '申请服务',
            action: 'ticket.start',
            style: 'primary',
            value: { category: matches[0]?.category ?? 'other' },
            number: 1,
          },
          { label: '不再提醒', action: 'policy.optout', value: { e: enterprise.id }, number: 2 },
        ],
    done,
  })
  return { ...card, subject: policySubject(enterprise.id) }
}
