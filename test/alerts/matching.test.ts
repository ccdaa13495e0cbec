// 政策找企业 with an injected clock and rule-version changes: a card to each enterprise that newly meets the
// 质量贷/标准贷 增信 criteria or is one step from an award, with evidence and the plan's clause; never twice for the
// same enterprise, rule and version; a new version sends a card only for what is new; opted-out enterprises get
// nothing; a card reaches only its own enterprise; 不再提醒 only from that enterprise; the 质量管家's weekly list.
import { describe, expect, it } from 'vitest'
import { handleCardAction } from '../../src/bot/card-action.ts'
import { bundledRules } from '../../src/features/eligibility/rules.bundle.ts'
import type { RulesBundle } from '../../src/features/eligibility/rules.schema.ts'
import { saveEnterprise } from '../../src/features/enterprises/enterprise.repo.ts'
import { runPolicyMatching } from '../../src/features/matching/matching.service.ts'
import { sendWeeklyMatches } from '../../src/features/matching/weekly.job.ts'
import { movableClock } from '../helpers/clock.ts'
import { queued } from '../helpers/queued.ts'
import { type TestServer, withServer } from '../helpers/server.ts'
import { clickAs } from '../tickets/fixtures.ts'
import { bind, creditCode, STAFF, seedStaff } from './fixtures.ts'

const clock = movableClock()
const server = withServer({ clock })

const cardsTo = (s: TestServer, target: string) => queued(s.deps.db, '"template":"policy-match"', { target })

describe('政策找企业', () => {
  it('tells each enterprise once per rule version, only what is new, only to itself', async () => {
    const { deps } = server
    await seedStaff(deps)
    const base = { industry: '鞋服' as const, town: '娄桥街道' }
    const jia = await saveEnterprise(deps.db, {
      ...base,
      name: '甲童鞋有限公司（演示）',
      creditCode: creditCode(1),
      honours: [{ kind: 'gov_quality_award', level: '区', year: 2025, title: '瓯海区政府质量奖' }],
    })
    const yiInput = { ...base, name: '乙皮鞋有限公司（演示）', creditCode: creditCode(2) }
    const yi = await saveEnterprise(deps.db, yiInput)
    const bing = await saveEnterprise(deps.db, {
      ...base,
      name: '丙鞋业有限公司（演示）',
      creditCode: creditCode(3),
      honours: [{ kind: 'benchmarking', year: 2025, title: '对标达标企业' }],
    })
    const ding = await saveEnterprise(deps.db, {
      ...base,
      name: '丁鞋业有限公司（演示）',
      creditCode: creditCode(4),
      certificates: [{ kind: 'pinzibiao_certification', number: 'ZJM-演示-9', title: '品字标认证证书' }],
    })
    for (const [who, e] of Object.entries({ jia1: jia, yi1: yi, bing1: bing, ding1: ding })) {
      await bind(deps, 'console', who, e.id)
    }
    await deps.db.policyOptOut.create({ data: { enterpriseId: ding.id, by: 'contact:test' } })

    const first = await runPolicyMatching(deps, clock.now())
    expect(first.notified).toBe(2) // 甲 and 丙; 乙 meets nothing; 丁 opted out
    const toJia = await cardsTo(server, 'jia1')
    expect(toJia).toHaveLength(1) // one card, both matches in it
    const card = toJia[0]!.payload
    expect(card).toContain('2025年区级政府质量奖')
    expect(card).toContain('方案四、(三)')
    expect(card).toContain('由银行审核决定')
    expect(card).toContain('市级政府质量奖')
    expect(card).toContain('policy.optout')
    for (const other of ['乙皮鞋', '丙鞋业', '丁鞋业']) expect(card).not.toContain(other)
    expect((await cardsTo(server, 'bing1'))[0]!.payload).toContain('品字标“浙江制造”认证（已具备相关基础）')
    expect(await cardsTo(server, 'ding1')).toHaveLength(0)
    expect(await deps.db.policyMatch.count({ where: { enterpriseId: ding.id, notified: false } })).toBe(1)

    // Nothing changed: nothing sent.
    expect((await runPolicyMatching(deps, clock.now())).recorded).toBe(0)

    // 乙's record changes (an honour added): only 乙 hears about it.
    await saveEnterprise(deps.db, {
      ...yiInput,
      honours: [{ kind: 'standard_innovation_award', year: 2026, title: '瓯海区标准创新贡献奖' }],
    })
    const second = await runPolicyMatching(deps, clock.now())
    expect(second.notified).toBe(1)
    expect((await cardsTo(server, 'yi1'))[0]!.payload).toContain('2026年标准创新贡献奖')

    // A new rule version with the same criteria: recorded, nobody told again.
    const rules = bundledRules()
    const v2: RulesBundle = { ...rules, loan: { ...rules.loan, version: 2 } }
    const third = await runPolicyMatching(deps, clock.now(), { rules: v2 })
    expect(third.recorded).toBe(3) // 甲, 乙, 丁 meet v2
    expect(third.notified).toBe(0)
    // A version that adds a criterion 甲 meets: 甲 is told about that criterion.
    await saveEnterprise(deps.db, {
      ...base,
      name: '甲童鞋有限公司（演示）',
      creditCode: creditCode(1),
      honours: [
        { kind: 'gov_quality_award', level: '区', year: 2025, title: '瓯海区政府质量奖' },
        { kind: 'green_product_cert', year: 2026, title: '绿色产品认证' },
      ],
    })
    const v3: RulesBundle = {
      ...rules,
      loan: {
        ...rules.loan,
        version: 3,
        criteria: [
          ...rules.loan.criteria,
          {
            id: 'green-product',
            label: '绿色产品认证（测试用规则）',
            honours: ['green_product_cert'],
            certificates: [],
            next: { text: '测试', section: '三、(二)' },
          },
        ],
      },
    }
    const fourth = await runPolicyMatching(deps, clock.now(), { rules: v3 })
    expect(fourth.notified).toBe(1)
    const latest = (await cardsTo(server, 'jia1')).at(-1)!.payload
    expect(latest).toContain('绿色产品认证（测试用规则）')
    expect(await runPolicyMatching(deps, clock.now(), { rules: v3 })).toMatchObject({ recorded: 0, notified: 0 })

    // 不再提醒: refused from another enterprise's contact, honoured from 丙's own.
    const bingCard = await deps.db.sentCard.findFirstOrThrow({ where: { template: 'policy-match', userId: 'bing1' } })
    const click = (who: string) =>
      handleCardAction(
        deps,
        clickAs(
          who,
          { id: bingCard.id, version: 1, chatId: `p2p-${who}` },
          'policy.optout',
          { e: bing.id },
          new Date(),
        ),
      )
    expect((await click('yi1')).toast?.type).toBe('error')
    expect(await deps.db.policyOptOut.count({ where: { enterpriseId: bing.id } })).toBe(0)
    expect((await click('bing1')).toast?.type).toBe('success')
    expect(await deps.db.policyOptOut.count({ where: { enterpriseId: bing.id } })).toBe(1)

    // The weekly list: 李工 covers 娄桥 and gets the enterprises that were told; 周工 (梧田, 眼镜) gets nothing.
    clock.advance(24 * 3600_000)
    expect(await sendWeeklyMatches(deps, clock.now())).toBe(1)
    const weekly = await queued(deps.db, '"template":"policy-weekly"')
    expect(weekly.map((w) => w.target)).toEqual([STAFF.butler])
    expect(weekly[0]!.payload).toContain('甲童鞋有限公司')
    expect(weekly[0]!.payload).not.toContain('丁鞋业')
  })
})
