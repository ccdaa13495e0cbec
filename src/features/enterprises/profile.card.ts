// 我的企业: the bound enterprise's profile as the contact sees it (credit code partly hidden: chats get forwarded).
import { z } from 'zod'
import enterpriseProfileTemplate from '../../../cards/enterprise-profile.json' with { type: 'json' }
import { defineCard } from '../../cards/registry.ts'
import { maskCreditCode } from './credit-code.ts'
import { formatDate } from './dates.ts'
import type { EnterpriseProfile } from './enterprise.schema.ts'
import { honourLabel, levelLabel } from './honour-kinds.ts'

export const profileCard = defineCard(
  'enterprise-profile',
  enterpriseProfileTemplate,
  z.object({
    name: z.string().min(1),
    creditCode: z.string().min(1),
    industry: z.string().min(1),
    size: z.string().default('未登记'),
    town: z.string().default('未登记'),
    honours: z.array(z.object({ text: z.string() })),
    certificates: z.array(z.object({ text: z.string() })),
  }),
)

export function renderProfile(profile: EnterpriseProfile, now: Date) {
  return profileCard({
    name: profile.name,
    creditCode: maskCreditCode(profile.creditCode),
    industry: profile.industry,
    size: profile.size ?? undefined,
    town: profile.town ?? undefined,
    honours: profile.honours.map((h) => ({
      text: [h.year ? `${h.year}年` : '', h.level ? levelLabel(h.level) : '', honourLabel(h.kind), `：${h.title}`].join(
        '',
      ),
    })),
    certificates: profile.certificates.map((c) => {
      const expiry = c.expiresAt ? `，有效期至 ${formatDate(c.expiresAt)}${c.expiresAt <= now ? '（已过期）' : ''}` : ''
      return { text: `${c.title}${c.number ? `（证书编号 ${c.number}）` : ''}${expiry}` }
    }),
  })
}
