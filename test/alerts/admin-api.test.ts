// /admin/api/alerts over HTTP against the fake Feishu: who gets in, field-level 422s, paging and filters; a draft
// shows its resolved audience and sends nothing; 确认发布 sends the card to exactly the audience's chats; a 严重
// alert goes to the department official's approval card, an official of another department is refused; every
// change is in the audit log.
import { describe, expect, it } from 'vitest'
import { sessionFor, TOKEN } from '../admin/fixtures.ts'
import { cardActionEvent, FAKE_ENCRYPT_KEY, feishuRequest } from '../fakes/feishu/events.ts'
import { buttonValue } from '../helpers/actions.ts'
import { withFeishu } from '../helpers/feishu.ts'
import { waitFor } from '../helpers/server.ts'
import { adminClient, daysAhead, drained } from './admin-client.ts'
import { bind, creditCode, STAFF, seedEnterprises, seedStaff } from './fixtures.ts'

const feishu = withFeishu({ env: { ADMIN_TOKEN: TOKEN } })
const client = adminClient(() => feishu.server.url)

async function seed() {
  const { deps } = feishu.server
  await seedStaff(deps, (name) => ({ identities: { feishu: `ou_${name}` } }))
  const ids = await seedEnterprises(deps)
  for (const [who, id] of Object.entries(ids)) await bind(deps, 'feishu', `ou_${who}1`, id)
  const publisher = await deps.db.staff.findFirstOrThrow({ where: { name: STAFF.publisher } })
  return { ids, publisherId: publisher.id }
}

const draftBody = (fields: Record<string, unknown> = {}) => ({
  title: '童鞋抽查不合格风险提示（测试）',
  level: '较重',
  source: '监督抽查',
  audience: { industries: ['鞋服'], products: ['童鞋'], creditCodes: [creditCode(4)] },
  action: '请自查同批次童鞋的出厂检验记录。',
  receiptDue: daysAhead(5),
  ...fields,
})

/** Who the fake Feishu delivered a message containing `text` to. */
const receivers = (text: string) =>
  feishu.fake
    .posted()
    .filter((c) => JSON.stringify(c.body).includes(text))
    .map((c) => String(c.body.receive_id))
    .sort()

describe('the alerts API', () => {
  it('refuses without a token, names every wrong field, refuses an empty audience, pages and filters', async () => {
    const { publisherId } = await seed()
    const bare = await fetch(`${feishu.server.url}/admin/api/alerts`)
    expect(bare.status).toBe(401)
    const bareDraft = await fetch(`${feishu.server.url}/admin/api/alerts`, { method: 'POST', body: '{}' })
    expect(bareDraft.status).toBe(401)

    const wrong = await client.post('/alerts', draftBody({ title: '短', level: '特别严重', staffId: publisherId }))
    expect(wrong.status).toBe(422)
    expect(wrong.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['level', 'title'])

    const codeAndDate = await client.post(
      '/alerts',
      draftBody({ audience: { creditCodes: ['91330304MA2000001X'] }, receiptDue: '2020-01-01', staffId: publisherId }),
    )
    expect(codeAndDate.status).toBe(422)
    expect(codeAndDate.body.issues.map((i: { path: string }) => i.path)).toEqual([
      'audience.creditCodes.0',
      'receiptDue',
    ])
    const noScope = await client.post('/alerts', draftBody({ audience: {}, staffId: publisherId }))
    expect(noScope.body.issues).toEqual([{ path: 'audience', message: expect.stringContaining('至少填写一项范围') }])

    // With the token the body names the publishing staff member, who must be in the directory.
    const nobody = await client.post('/alerts', draftBody())
    expect(nobody).toMatchObject({ status: 422, body: { error: 'no_identity' } })
    expect((await client.post('/alerts', draftBody({ staffId: 9999 }))).status).toBe(422)

    const empty = await client.post(
      '/alerts',
      draftBody({ audience: { industries: ['不存在的行业'] }, staffId: publisherId }),
    )
    expect(empty).toMatchObject({ status: 422, body: { error: 'empty_audience' } })
    expect(empty.body.message).toContain('没有找到任何企业')
    expect(await feishu.server.deps.db.alert.count()).toBe(0)

    for (const level of ['一般', '较重', '较重']) {
      expect((await client.post('/alerts', draftBody({ level, staffId: publisherId }))).status).toBe(201)
    }
    const first = await client.get('/alerts?pageSize=2')
    expect(first.body).toMatchObject({ page: 1, pageSize: 2, total: 3 })
    expect(first.body.items).toHaveLength(2)
    expect((await client.get('/alerts?pageSize=2&page=2')).body.items).toHaveLength(1)
    expect((await client.get('/alerts?level=较重')).body.total).toBe(2)
    expect((await client.get('/alerts?status=sent')).body.total).toBe(0)
    expect((await client.get('/alerts?pageSize=500')).status).toBe(422)
  })

  it('drafts with the audience preview, sends nothing, then 确认发布 reaches exactly the audience', async () => {
    const { deps } = feishu.server
    const { ids, publisherId } = await seed()
    const made = await client.post('/alerts', draftBody({ staffId: publisherId }))
    expect(made.status).toBe(201)
    // 甲 and 戊 (鞋服 + 童鞋) and 丁 (named); 李工 covers 娄桥.
    expect(made.body).toMatchObject({ status: 'draft', preview: { enterprises: 3, contacts: 3, groups: 0, staff: 1 } })
    const id = made.body.id as number

    await new Promise((r) => setTimeout(r, 200))
    expect(receivers('童鞋抽查不合格风险提示（测试）')).toEqual([])

    // Only the publisher (or an admin) confirms, and only the version they saw.
    const butler = await sessionFor(deps, STAFF.butler)
    expect((await client.post(`/alerts/${id}/confirm`, { version: made.body.version }, butler)).status).toBe(403)
    const stale = await client.post(`/alerts/${id}/confirm`, { version: 7, staffId: publisherId })
    expect(stale.status).toBe(409)
    expect((await client.post('/alerts/9999/confirm', { version: 1, staffId: publisherId })).status).toBe(404)

    const sent = await client.post(`/alerts/${id}/confirm`, { version: made.body.version, staffId: publisherId })
    expect(sent.status).toBe(200)
    expect(sent.body).toMatchObject({ status: 'sent', enterprises: 3, receiptRate: 0 })
    await drained(deps)
    expect(receivers('童鞋抽查不合格风险提示（测试）')).toEqual([
      'ou_a1',
      'ou_butler',
      'ou_d1',
      'ou_e1',
      'ou_publisher',
    ])

    // A receipt on the card shows on the API: who and when, and the rate.
    const notice = await waitFor(() =>
      deps.db.sentCard.findFirst({ where: { template: 'alert-notice', userId: 'ou_a1' } }),
    )
    const click = feishuRequest(
      cardActionEvent({
        value: buttonValue(notice!, 'alert.ack', { al: id }),
        operatorOpenId: 'ou_a1',
        chatId: 'oc_a1',
      }),
      { encryptKey: FAKE_ENCRYPT_KEY },
    )
    await fetch(`${feishu.server.url}/webhooks/feishu/cards`, { method: 'POST', ...click })
    const detail = await client.get(`/alerts/${id}`)
    expect(detail.body).toMatchObject({ acknowledged: 1, receiptRate: 33 })
    expect(detail.body.receipts.find((r: { enterpriseId: number }) => r.enterpriseId === ids.a)).toMatchObject({
      receiptLabel: '已知悉',
      by: 'ou_a1',
    })

    const audit = await client.get(`/audit?subject=alert:${id}`)
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['alert.confirm', 'alert.draft'])
    expect(audit.body.items.find((e: { action: string }) => e.action === 'alert.confirm')).toMatchObject({
      actorName: '管理令牌',
      before: { status: 'draft' },
      after: { status: 'sent' },
    })
  })

  it('sends a 严重 draft to the official for approval; another department is refused 403', async () => {
    const { deps } = feishu.server
    await seed()
    const publisher = await sessionFor(deps, STAFF.publisher)
    const made = await client.post(
      '/alerts',
      draftBody({ level: '严重', title: '童鞋召回风险（严重，测试）' }),
      publisher,
    )
    expect(made.status).toBe(201)
    const pending = await client.post(`/alerts/${made.body.id}/confirm`, { version: made.body.version }, publisher)
    expect(pending.body).toMatchObject({ status: 'pending_approval', approvalDepartment: '质量发展科' })
    await drained(deps)
    expect(receivers('童鞋召回风险（严重，测试）')).toEqual(['ou_official'])

    // The publisher's own list shows it; another department's official neither sees nor decides it.
    const other = await sessionFor(deps, STAFF.other)
    expect((await client.get(`/alerts/${made.body.id}`, other)).status).toBe(404)
    expect((await client.get('/alerts', other)).body.total).toBe(0)
    const refused = await client.post(
      `/alerts/${made.body.id}/decision`,
      { decision: 'approve', version: pending.body.version },
      other,
    )
    expect(refused.status).toBe(403)
    const self = await client.post(
      `/alerts/${made.body.id}/decision`,
      { decision: 'approve', version: pending.body.version },
      publisher,
    )
    expect(self.status).toBe(403)
    expect((await deps.db.alert.findFirstOrThrow()).status).toBe('pending_approval')

    const official = await sessionFor(deps, STAFF.official)
    expect((await client.get('/alerts', official)).body.total).toBe(1)
    const approved = await client.post(
      `/alerts/${made.body.id}/decision`,
      { decision: 'approve', version: pending.body.version },
      official,
    )
    expect(approved.body).toMatchObject({ status: 'sent', decidedBy: STAFF.official, enterprises: 3 })
    await drained(deps)
    // The audience, the covering 质量管家, and the publisher twice: the summary card and "已审批同意".
    expect(receivers('童鞋召回风险（严重，测试）')).toEqual(
      ['ou_a1', 'ou_butler', 'ou_d1', 'ou_e1', 'ou_official', 'ou_publisher', 'ou_publisher'].sort(),
    )
    // The official's approval card in Feishu now shows the decision.
    const card = await deps.db.sentCard.findFirstOrThrow({ where: { template: 'alert-approval' } })
    expect(card.model).toContain('已同意发布')
    const audit = await client.get(`/audit?subject=alert:${made.body.id}`)
    expect(audit.body.items.find((e) => e.action === 'alert.approve')?.actorName).toBe(STAFF.official)
  })
})
