// The duty check-ins' part of the staff daily digest (src/bot/digest.ts): the check-ins of enterprises a 质量管家
// covers that are still unanswered today (日管控, and 周排查/月调度 not yet due past), read once for every recipient.
import type { DigestContribution } from '../../bot/digest.ts'
import { checkinDigestSections } from './checkin.rates.ts'

const SHOWN = 5

export const dutyDigest: DigestContribution = {
  async collect(deps, run) {
    if (run.kind !== 'daily') return () => null
    const sections = await checkinDigestSections(deps, run.now)
    return (recipient) => {
      const s = sections.get(recipient.id)
      if (!s?.count) return null
      return {
        title: '企业日管控、周排查、月调度',
        summary: `所联系企业未反馈 ${s.count} 项${s.overdue ? `，其中已逾期 ${s.overdue} 项` : ''}`,
        lines: s.lines.slice(0, SHOWN),
        more: Math.max(0, s.lines.length - SHOWN),
        urgent: s.overdue > 0,
      }
    }
  },
}
