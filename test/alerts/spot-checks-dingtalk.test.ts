// The same spot-check import on DingTalk: imported with the admin token (the draft then belongs to the first admin in
// the directory), confirmed by that admin on the console page, and the alert card reaches the enterprise's group on
// the fake DingTalk with its receipt buttons — and nobody outside the batch's 不合格 enterprises gets it.
import { describe, expect, it } from 'vitest'
import { sessionFor, TOKEN } from '../admin/fixtures.ts'
import { withDingtalk } from '../helpers/dingtalk.ts'
import { waitFor } from '../helpers/server.ts'
import { adminClient, drained } from './admin-client.ts'
import { bind } from './fixtures.ts'
import { ADMIN, GOOD, HEADER, seedForSpotChecks, uploadSpotChecks, xlsx } from './spot-check-files.ts'

const dingtalk = withDingtalk({ env: { ADMIN_TOKEN: TOKEN, DINGTALK_CARD_TEMPLATE_ID: 'generic-card.schema' } })
const client = adminClient(() => dingtalk.server.url)

describe('a spot-check draft confirmed on the console, on DingTalk', () => {
  it('reaches the 不合格 enterprise group only after 确认发布', async () => {
    const { deps } = dingtalk.server
    const ids = await seedForSpotChecks(deps, 'dingtalk', (who) => `dt_${who}`)
    await deps.db.enterpriseGroup.create({ data: { platform: 'dingtalk', chatId: 'cid_grp_jia', enterpriseId: ids.a } })
    await bind(deps, 'dingtalk', 'dt_b1', ids.b)

    const report = await uploadSpotChecks(dingtalk.server.url, await xlsx([HEADER, GOOD[0]!, GOOD[1]!]), true)
    expect(report).toMatchObject({ created: 2, applied: true })
    const draft = await deps.db.alert.findFirstOrThrow()
    const admin = await deps.db.staff.findFirstOrThrow({ where: { name: ADMIN } })
    expect(draft).toMatchObject({ status: 'draft', publisherId: admin.id, publisherPlatform: 'dingtalk' })
    const notices = () => [...dingtalk.fake.cards.values()].filter((c) => c.cardParamMap.btn1_a === 'alert.ack')
    expect(notices()).toEqual([])

    const session = await sessionFor(deps, ADMIN)
    const confirmed = await client.form(
      `/alerts/${draft.id}/confirm`,
      { version: String(draft.version), decision: 'confirm' },
      session,
    )
    expect(confirmed.location).toBe(`/admin/alerts/${draft.id}?r=sent`)
    await drained(deps)
    await waitFor(() => notices().length || null, 5000, 'notice delivered')
    expect(notices().map((c) => c.openSpaceId)).toEqual([expect.stringContaining('cid_grp_jia')])
    expect(notices()[0]!.cardParamMap.btn1_text).toBe('已知悉')
    expect([...dingtalk.fake.cards.values()].some((c) => c.openSpaceId.includes('dt_b1'))).toBe(false)
  })
})
