// Certificate expiry with an injected clock: each certificate is warned about at 90, 30 and 7 days, once per
// threshold (a rerun, a second run the same day or re-saving the enterprise repeats nothing), to the enterprise's
// contacts (with 申请服务) and its 质量管家; a contact asks which of its own certificates expire soon.
import { describe, expect, it } from 'vitest'
import { saveEnterprise } from '../../src/features/enterprises/enterprise.repo.ts'
import { warnExpiringCertificates } from '../../src/features/expiry/expiry.job.ts'
import { movableClock } from '../helpers/clock.ts'
import { queued } from '../helpers/queued.ts'
import { withServer } from '../helpers/server.ts'
import { simulator } from '../tickets/fixtures.ts'
import { bind, creditCode, STAFF, seedStaff } from './fixtures.ts'

const clock = movableClock()
const server = withServer({ clock })

const DAY = 24 * 3600_000

describe('certificate expiry', () => {
  it('warns at 90, 30 and 7 days, once each, and answers 我们还有哪些证书快到期', async () => {
    const { deps } = server
    await seedStaff(deps)
    const start = clock.now()
    const at = (days: number) => new Date(start.getTime() + days * DAY)
    const input = {
      name: '甲童鞋有限公司（演示）',
      creditCode: creditCode(1),
      industry: '鞋服' as const,
      town: '娄桥街道',
      certificates: [
        {
          kind: 'pinzibiao_certification' as const,
          number: 'ZJM-演示-001',
          title: '品字标“浙江制造”认证证书',
          expiresAt: at(95),
        },
        { kind: 'other' as const, title: 'ISO 9001 质量管理体系认证证书', expiresAt: at(20) },
      ],
    }
    const jia = await saveEnterprise(deps.db, input)
    const yi = await saveEnterprise(deps.db, {
      name: '乙皮鞋有限公司（演示）',
      creditCode: creditCode(2),
      industry: '鞋服',
      town: '娄桥街道',
      certificates: [{ kind: 'other', title: '乙的实验室资质认定证书', expiresAt: at(10) }],
    })
    await bind(deps, 'console', 'jia1', jia.id)
    await bind(deps, 'console', 'yi1', yi.id)

    const warnings = async (days: number) => warnExpiringCertificates(deps, at(days))
    // Day 0: the ISO certificate (20 days left) and 乙's (10) at their 30-day threshold, not at 90 as well.
    expect(await warnings(0)).toBe(2)
    expect(await warnings(0)).toBe(0)
    expect(await warnings(2)).toBe(0)
    expect(await warnings(3)).toBe(1) // 乙 at 7 days
    expect(await warnings(4)).toBe(0) // 品字标 at 91 days: not yet
    expect(await warnings(5)).toBe(1) // 品字标 at 90 days
    await saveEnterprise(deps.db, input) // certificates re-created: still the same certificates
    expect(await warnings(6)).toBe(0)
    expect(await warnings(13)).toBe(1) // ISO at 7 days
    expect(await warnings(65)).toBe(1) // 品字标 at 30 days
    expect(await warnings(88)).toBe(1) // 品字标 at 7 days
    expect(await warnings(96)).toBe(0) // all expired: nothing more

    const rows = await deps.db.certificateWarning.findMany({ orderBy: { id: 'asc' } })
    expect(rows.map((r) => r.threshold)).toEqual([30, 30, 7, 90, 7, 30, 7])

    const cards = await queued(deps.db, '"template":"cert-expiry"')
    const toJia = cards.filter((c) => c.target === 'jia1')
    expect(toJia).toHaveLength(5)
    expect(toJia[0]!.payload).toContain('ticket.start')
    expect(toJia[0]!.payload).toContain('certification')
    expect(cards.filter((c) => c.target === STAFF.butler)).toHaveLength(7)
    expect(cards.filter((c) => c.target === 'yi1').every((c) => !c.payload.includes('甲童鞋'))).toBe(true)

    const say = simulator(server.url)
    const list = await say('jia1', '我们还有哪些证书快到期')
    expect(list.intent).toBe('cert_expiring')
    expect(list.text).toContain('品字标“浙江制造”认证证书')
    expect(list.text).toContain('ISO 9001')
    expect(list.text).not.toContain('乙的实验室')
    expect((await say('stranger', '我们还有哪些证书快到期')).text).toContain('尚未绑定企业')
  })
})
