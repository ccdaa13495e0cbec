// The 预警 pages of the staff console as a browser without JavaScript uses them: the draft form (refusals in the
// chat's own words, an empty audience refused), the draft's audience and 确认发布, a 严重 alert decided by the
// department's official (another department's official is refused), and who sees which alerts in the list.
import { describe, expect, it } from 'vitest'
import { sessionFor, TOKEN } from '../admin/fixtures.ts'
import { withServer } from '../helpers/server.ts'
import { adminClient, daysAhead, drained, type Session } from './admin-client.ts'
import { bind, creditCode, STAFF, seedEnterprises, seedStaff } from './fixtures.ts'

const server = withServer({ env: { ADMIN_TOKEN: TOKEN } })
const client = adminClient(() => server.url)

const form = (fields: Record<string, string> = {}) => ({
  title: '童鞋召回风险提示（控制台测试）',
  level: '严重',
  source: '缺陷产品召回',
  industries: '鞋服',
  products: '童鞋',
  towns: '',
  creditCodes: creditCode(4),
  action: '请核查并停止销售涉及批次，配合召回。',
  due: daysAhead(3),
  ...fields,
})

describe('the 预警 console pages', () => {
  it('drafts from the form, confirms, and lets only the department official approve', async () => {
    const { deps } = server
    await seedStaff(deps)
    const ids = await seedEnterprises(deps)
    for (const [who, id] of Object.entries(ids)) await bind(deps, 'console', `${who}1`, id)
    const as: Record<string, Session> = {}
    for (const [role, name] of Object.entries(STAFF)) as[role] = await sessionFor(deps, name)

    const blank = await client.page('/alerts/new', as.publisher!)
    expect(blank.text).toContain('name="_csrf"')
    expect(blank.text).toContain('预览覆盖范围')
    expect(blank.text).toContain('>预警</a>')

    const short = await client.form('/alerts', form({ title: '童鞋' }), as.publisher!)
    expect(short.status).toBe(422)
    expect(short.text).toContain('预警标题需为 4～60 字')
    const nobody = await client.form(
      '/alerts',
      form({ industries: '不存在的行业', products: '', creditCodes: '' }),
      as.publisher!,
    )
    expect(nobody.status).toBe(422)
    expect(nobody.text).toContain('没有找到任何企业')
    expect(await deps.db.alert.count()).toBe(0)

    const made = await client.form('/alerts', form(), as.publisher!)
    expect(made.status).toBe(303)
    const id = Number(/\/admin\/alerts\/(\d+)\?r=drafted/.exec(made.location)?.[1])
    const draft = await client.page(`/alerts/${id}`, as.publisher!)
    expect(draft.text).toContain('企业 3 家 · 企业联系人 3 人 · 企业群 0 个 · 质量管家 1 人')
    expect(draft.text).toContain('严重预警确认后需经科室负责人审批')

    // A draft is its publisher's: another staff member neither sees nor confirms it.
    expect((await client.page(`/alerts/${id}`, as.butler!)).status).toBe(404)
    const foreign = await client.form(`/alerts/${id}/confirm`, { version: '1', decision: 'confirm' }, as.butler!)
    expect(foreign.location).toBe(`/admin/alerts/${id}?r=forbidden`)

    const submitted = await client.form(`/alerts/${id}/confirm`, { version: '1', decision: 'confirm' }, as.publisher!)
    expect(submitted.location).toBe(`/admin/alerts/${id}?r=pending_approval`)
    const stale = await client.form(`/alerts/${id}/confirm`, { version: '1', decision: 'confirm' }, as.publisher!)
    expect(stale.location).toBe(`/admin/alerts/${id}?r=conflict`)

    const other = await client.form(`/alerts/${id}/decision`, { version: '2', decision: 'approve' }, as.other!)
    expect(other.location).toBe(`/admin/alerts/${id}?r=forbidden`)
    expect((await deps.db.alert.findUniqueOrThrow({ where: { id } })).status).toBe('pending_approval')

    const pending = await client.page(`/alerts/${id}`, as.official!)
    expect(pending.text).toContain('同意发布')
    const approved = await client.form(`/alerts/${id}/decision`, { version: '2', decision: 'approve' }, as.official!)
    expect(approved.location).toBe(`/admin/alerts/${id}?r=sent`)
    expect(await deps.db.alertRecipient.count({ where: { alertId: id } })).toBe(3)

    // The list by role: the official's department, the 质量管家 covering 娄桥, not the 眼镜 one in 梧田.
    await drained(deps)
    const list = await client.page('/alerts', as.official!)
    expect(list.text).toContain('童鞋召回风险提示（控制台测试）')
    expect(list.text).toContain('覆盖 3 · 送达 3 · 已知悉 0 · 需要帮助 0 · 回执率 0%')
    expect(list.text).toContain('class="badge bad" data-testid="level">严重')
    expect((await client.page('/alerts', as.butler!)).text).toContain('童鞋召回风险提示（控制台测试）')
    const glasses = await client.page('/alerts', as.glasses!)
    expect(glasses.text).toContain('没有符合条件的预警')
    expect((await client.page('/alerts', as.other!)).text).toContain('没有符合条件的预警')

    const audit = await deps.db.auditEntry.findMany({ where: { subject: `alert:${id}` }, orderBy: { id: 'asc' } })
    expect(audit.map((a) => [a.action, a.actorName, a.via])).toEqual([
      ['alert.draft', STAFF.publisher, 'console'],
      ['alert.confirm', STAFF.publisher, 'console'],
      ['alert.approve', STAFF.official, 'console'],
    ])
  })
})
