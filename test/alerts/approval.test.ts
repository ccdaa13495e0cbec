// A 严重 alert on the console: confirming sends it to approval only; an official of another department and the
// publisher cannot decide; the department's official rejects it: nothing is sent, the publisher is told, and a
// replayed or late 同意 changes nothing. An empty audience is refused before any draft exists.
import { describe, expect, it } from 'vitest'
import { confirmAlert, decideAlert, draftAlert } from '../../src/features/alerts/publish.ts'
import { resolveStaff } from '../../src/features/staff/staff.repo.ts'
import { queued } from '../helpers/queued.ts'
import { withServer } from '../helpers/server.ts'
import { bind, STAFF, seedEnterprises, seedStaff } from './fixtures.ts'

const server = withServer()

const actor = (userId: string) => ({ platform: 'console', userId })

describe('严重 alerts', () => {
  it('wait for an official of the publisher’s department, and a rejection sends nothing', async () => {
    const { deps } = server
    await seedStaff(deps)
    const ids = await seedEnterprises(deps)
    await bind(deps, 'console', 'a1', ids.a)
    const publisher = (await resolveStaff(deps.db, actor(STAFF.publisher)))!
    const base = {
      title: '电动自行车头盔缺陷召回风险（演示）',
      level: '严重' as const,
      source: '缺陷产品召回' as const,
      action: '请立即核查并停止销售涉及批次。',
      receiptDue: new Date(Date.now() + 3 * 86400_000),
    }
    const nobody = await draftAlert(
      deps,
      publisher,
      { ...base, audience: { industries: ['眼镜'], products: ['头盔'], towns: [], creditCodes: [] } },
      'console',
    )
    expect(nobody).toMatchObject({ ok: false })
    expect(await deps.db.alert.count()).toBe(0)

    const draft = await draftAlert(
      deps,
      publisher,
      { ...base, audience: { industries: ['鞋服'], products: [], towns: [], creditCodes: [] } },
      'console',
    )
    expect(draft.ok).toBe(true)
    const alert = await deps.db.alert.findFirstOrThrow()
    const asked = await confirmAlert(deps, actor(STAFF.publisher), { al: alert.id, av: alert.version }, false)
    expect(asked).toMatchObject({ ok: true, message: '已提交审批，审批同意后发出。' })
    const pending = await deps.db.alert.findFirstOrThrow()
    expect(pending.status).toBe('pending_approval')
    const approvals = await queued(deps.db, '"template":"alert-approval"')
    expect(approvals.map((a) => a.target)).toEqual([STAFF.official])

    const ref = { al: pending.id, av: pending.version }
    expect(await decideAlert(deps, actor(STAFF.other), ref, true)).toMatchObject({ ok: false })
    expect(await decideAlert(deps, actor(STAFF.publisher), ref, true)).toMatchObject({ ok: false })
    expect(await decideAlert(deps, actor(STAFF.official), ref, false)).toMatchObject({ ok: true })
    expect(await decideAlert(deps, actor(STAFF.official), ref, true)).toMatchObject({ ok: false })
    const rejected = await deps.db.alert.findFirstOrThrow()
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: STAFF.official })
    expect(await deps.db.alertRecipient.count()).toBe(0)
    expect((await queued(deps.db, '"template":"alert-notice"')).length).toBe(0)
    const told = await queued(deps.db, '驳回', { target: STAFF.publisher })
    expect(told).toHaveLength(1)
  })
})
