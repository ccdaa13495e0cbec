// The alerts' part of the staff daily digest (src/bot/digest.ts): sent alerts whose enterprises in the recipient's
// area have not acknowledged them yet. Receipts and staff are read once per digest run, not once per person.
import type { DigestContribution } from '../../bot/digest.ts'
import { listActiveStaff } from '../staff/staff.repo.ts'
import { collectSilentAlerts } from './staff-hooks.ts'

const SHOWN = 5

export const alertsDigest: DigestContribution = {
  async collect(deps, run) {
    if (run.kind !== 'daily') return () => null
    const [silentFor, staff] = await Promise.all([collectSilentAlerts(deps.db), listActiveStaff(deps.db)])
    const byId = new Map(staff.map((s) => [s.id, s]))
    return (recipient) => {
      const person = byId.get(recipient.id)
      if (!person || person.role === 'admin') return null
      const alerts = silentFor(person)
      if (!alerts.length) return null
      const enterprises = alerts.reduce((n, a) => n + a.enterprises.length, 0)
      const overdue = alerts.filter((a) => a.receiptDue <= run.now).length
      const lines = alerts.map((a) => {
        const names = a.enterprises.map((e) => e.name)
        const shown = names.slice(0, 3).join('、') + (names.length > 3 ? ` 等 ${names.length} 家` : '')
        const late = a.receiptDue <= run.now ? '（已过回执期限）' : ''
        return `【${a.level}】${a.title}（${a.number}）：${shown} 未回执${late}`
      })
      return {
        title: '风险预警回执',
        summary: `${alerts.length} 条预警中，所联系企业尚有 ${enterprises} 家未回执`,
        lines: lines.slice(0, SHOWN),
        more: Math.max(0, lines.length - SHOWN),
        urgent: overdue > 0,
      }
    }
  },
}
