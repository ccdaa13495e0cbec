// Importing 抽查结果 over the admin API against the fake Feishu: every bad row named by row, column and reason, a
// duplicate, nothing written while any row is wrong; a clean file records the results and makes one alert draft per
// batch for its 不合格 enterprises (nothing sent); the same file again changes nothing; a GBK CSV reads right; the
// draft is confirmed on the console page and the card reaches the enterprise's group chat; all of it audited.
import { describe, expect, it } from 'vitest'
import { readTable } from '../../src/import/table.ts'
import { sessionFor, TOKEN } from '../admin/fixtures.ts'
import { withFeishu } from '../helpers/feishu.ts'
import { adminClient, drained } from './admin-client.ts'
import { creditCode } from './fixtures.ts'
import {
  ADMIN,
  BATCH_1,
  BATCH_2,
  GOOD,
  gbkCsv,
  HEADER,
  seedForSpotChecks,
  uploadSpotChecks,
  xlsx,
} from './spot-check-files.ts'

const feishu = withFeishu({ env: { ADMIN_TOKEN: TOKEN } })
const client = adminClient(() => feishu.server.url)

const wrongCheck = `${creditCode(1).slice(0, 17)}${creditCode(1).endsWith('0') ? '1' : '0'}`

describe('importing spot-check results', () => {
  it('names bad rows, records a clean file once, drafts one alert per batch, and sends only when confirmed', async () => {
    const { deps } = feishu.server
    const ids = await seedForSpotChecks(deps, 'feishu', (who) => `ou_${who}`)
    await deps.db.enterpriseGroup.create({ data: { platform: 'feishu', chatId: 'oc_grp_jia', enterpriseId: ids.a } })
    const admin = await sessionFor(deps, ADMIN)
    const base = feishu.server.url

    const bad = await xlsx([
      HEADER,
      ...GOOD,
      ['未登记企业（测试）', creditCode(99), '童鞋', '不合格', '耐折性能', '2026-11-20', BATCH_1],
      ['甲童鞋有限公司（演示）', wrongCheck, '凉鞋', '合格', '', '2026-11-20', BATCH_1],
      ['戊鞋业有限公司（演示）', creditCode(5), '童鞋', '合格', '', '2026-13-01', BATCH_1],
      ['戊鞋业有限公司（演示）', creditCode(5), '棉鞋', '基本合格', '', '2026-11-20', BATCH_1],
      ['戊鞋业有限公司（演示）', creditCode(5), '拖鞋', '不合格', '', '2026-11-20', BATCH_1],
      GOOD[0]!,
    ])
    const dry = await uploadSpotChecks(base, bad, true, admin)
    expect(dry).toMatchObject({ rows: 9, created: 3, applied: false })
    expect(dry.errors).toEqual([
      { row: 5, column: '统一社会信用代码', reason: '目录中没有该企业' },
      { row: 6, column: '统一社会信用代码', reason: expect.stringContaining('校验位不正确') },
      { row: 7, column: '抽查日期', reason: '日期格式应为 年-月-日' },
      { row: 8, column: '抽查结论', reason: '应为 合格、不合格 之一' },
      { row: 9, column: '不合格项目', reason: '结论为不合格时请填写不合格项目' },
      { row: 10, column: '企业名称', reason: '与第 2 行重复' },
    ])
    expect(await deps.db.spotCheckResult.count()).toBe(0)
    expect(await deps.db.alert.count()).toBe(0)

    const clean = await xlsx([HEADER, ...GOOD])
    expect(await uploadSpotChecks(base, clean, false, admin)).toMatchObject({ created: 3, applied: false })
    expect(await deps.db.spotCheckResult.count()).toBe(0)
    const applied = await uploadSpotChecks(base, clean, true, admin)
    expect(applied).toMatchObject({ created: 3, applied: true })
    expect(await deps.db.spotCheckResult.count({ where: { enterpriseId: ids.a, conclusion: '不合格' } })).toBe(1)
    const drafts = await deps.db.alert.findMany({ orderBy: { id: 'asc' } })
    // The person importing is told which drafts wait for them, and that nothing was sent.
    expect((applied as { notes: string[] }).notes).toEqual(
      drafts.map((d) => expect.stringContaining(`预警草稿 YJ-${d.id}（尚未发出）`)),
    )
    expect(drafts.map((d) => [d.status, d.source, JSON.parse(d.audience).creditCodes])).toEqual([
      ['draft', '监督抽查', [creditCode(1)]],
      ['draft', '监督抽查', [creditCode(4)]],
    ])
    expect(drafts[0]!.action).toContain('耐折性能、鞋带耐磨性能')
    expect(drafts[0]!.action).toContain('以监督抽查结果通知书为准')
    expect(drafts[0]!.action).not.toContain('锁舌强度')

    // The enterprise's profile on the console lists its results.
    const profile = await client.page(`/enterprises/${ids.a}`, admin)
    expect(profile.text).toContain('监督抽查结果')
    expect(profile.text).toContain('耐折性能、鞋带耐磨性能')

    // The same file again: nothing changes, no new draft, no new audit entry.
    const audited = await deps.db.auditEntry.count()
    expect(await uploadSpotChecks(base, clean, true, admin)).toMatchObject({ created: 0, unchanged: 3, applied: false })
    expect(await deps.db.alert.count()).toBe(2)
    expect(await deps.db.auditEntry.count()).toBe(audited)

    // A GBK CSV (Excel on Chinese Windows) of a third batch, with the token.
    const batch3 = '2026年第6批鞋类专项抽查（GBK）'
    const csv = gbkCsv([
      HEADER,
      ['戊鞋业有限公司（演示）', creditCode(5), '棉鞋', '不合格', '帮底剥离强度', '2026-11-25', batch3],
    ])
    expect(await uploadSpotChecks(base, csv, true)).toMatchObject({ created: 1, applied: true })
    expect(await deps.db.spotCheckResult.findFirst({ where: { batch: batch3 } })).toMatchObject({
      product: '棉鞋',
      failedItems: '帮底剥离强度',
    })
    expect(await deps.db.alert.count()).toBe(3)

    // Nothing was sent by the import.
    await new Promise((r) => setTimeout(r, 200))
    expect(feishu.fake.posted().filter((c) => JSON.stringify(c.body).includes('监督抽查不合格'))).toEqual([])

    // The drafts on the console: the list, then the first one's audience and 确认发布.
    const list = await client.page('/alerts?status=draft', admin)
    expect(list.text).toContain(`监督抽查不合格风险提示：${BATCH_1}`.slice(0, 60))
    expect(list.text).toContain(BATCH_2)
    const first = drafts[0]!
    const page = await client.page(`/alerts/${first.id}`, admin)
    expect(page.text).toContain('企业 1 家 · 企业联系人 0 人 · 企业群 1 个 · 质量管家 1 人')
    expect(page.text).toContain('确认发布')
    const refused = await client.form(
      `/alerts/${first.id}/confirm`,
      { version: '1', decision: 'confirm' },
      {
        ...admin,
        csrf: 'forged',
      },
    )
    expect(refused.status).toBe(403)
    const confirmed = await client.form(
      `/alerts/${first.id}/confirm`,
      { version: String(first.version), decision: 'confirm' },
      admin,
    )
    expect(confirmed).toMatchObject({ status: 303, location: `/admin/alerts/${first.id}?r=sent` })
    expect((await client.page(confirmed.location.replace('/admin', ''), admin)).text).toContain('预警已发出')
    await drained(deps)
    const sentTo = feishu.fake
      .posted()
      .filter((c) => JSON.stringify(c.body).includes(BATCH_1))
      .map((c) => String(c.body.receive_id))
      .sort()
    // 甲's own group, the 质量管家 covering 娄桥, and the publisher's summary.
    expect(sentTo).toEqual(['oc_grp_jia', 'ou_admin', 'ou_butler'])

    const actions = await deps.db.auditEntry.findMany({ select: { action: true, via: true, actorName: true } })
    expect(actions.filter((a) => a.action === 'import.spot-checks')).toHaveLength(4)
    expect(actions.filter((a) => a.action === 'alert.draft')).toHaveLength(3)
    expect(actions.find((a) => a.action === 'alert.confirm')).toEqual({
      action: 'alert.confirm',
      via: 'console',
      actorName: ADMIN,
    })
  })

  it('downloads the template with the headers staff fill in', async () => {
    const res = await fetch(`${feishu.server.url}/admin/api/imports/spot-checks/template`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    expect(res.status).toBe(200)
    const table = await readTable(new Uint8Array(await res.arrayBuffer()))
    expect(table.headers).toEqual([
      '企业名称',
      '统一社会信用代码',
      '产品名称',
      '抽查结论',
      '不合格项目',
      '抽查日期',
      '抽查批次',
    ])
    expect(table.rows[0]!.cells.抽查结论).toBe('不合格')
  })
})
