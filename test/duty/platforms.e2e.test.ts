// The bureau's own work on Feishu and DingTalk, through the real server and the fake platforms: check-in buttons
// answer only for the clicker's own enterprise, the monthly 月调度 card carries a valid card JSON 2.0 `chart` on
// Feishu and text bars on DingTalk, and the campaign draft is a form on Feishu whose approval only the right
// official may give. Jobs run at injected times.
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { draftCampaigns } from '../../src/features/campaigns/campaign.draft.ts'
import { issueCheckins } from '../../src/features/duty/checkin.issue.ts'
import { loadStaffFile } from '../../src/features/staff/staff.repo.ts'
import { sendMonthlyCard } from '../../src/features/targets/monthly.service.ts'
import { DT, dingtalkChat, seedDingtalkPeople } from '../dingtalk/chat.ts'
import { type FakeDingtalk, startFakeDingtalk } from '../fakes/dingtalk/server.ts'
import { cardActionEvent, FAKE_ENCRYPT_KEY, feishuRequest } from '../fakes/feishu/events.ts'
import { cardProblems } from '../feishu/card-schema.ts'
import { type DingtalkTestServer, startDingtalkServer } from '../helpers/dingtalk.ts'
import { withFeishu } from '../helpers/feishu.ts'
import { waitFor } from '../helpers/server.ts'

const nine = (date: string) => new Date(`${date}T01:00:00Z`)

/**
 * The chart element as the Feishu card JSON 2.0 chart component documents it (open.feishu.cn, feishu-cards,
 * card-json-v2-components/content-components/chart): tag, VChart chart_spec, aspect_ratio 1:1/2:1/4:3/16:9,
 * color_theme, height auto or 1–999px, preview; a line spec with data values carrying its x, y and series fields.
 */
const lineRow = z.strictObject({ x: z.string().min(1), y: z.number().finite(), series: z.string().min(1) })
const chartElement = z.strictObject({
  tag: z.literal('chart'),
  aspect_ratio: z.enum(['1:1', '2:1', '4:3', '16:9']).optional(),
  color_theme: z.enum(['brand', 'rainbow', 'complementary', 'converse', 'primary']).optional(),
  height: z
    .string()
    .regex(/^(auto|([1-9]\d{0,2})px)$/)
    .optional(),
  preview: z.boolean().optional(),
  chart_spec: z.looseObject({
    type: z.literal('line'),
    title: z.object({ text: z.string().min(1) }),
    data: z.array(z.strictObject({ id: z.string(), values: z.array(lineRow).min(1) })).length(1),
    xField: z.literal('x'),
    yField: z.literal('y'),
    seriesField: z.literal('series'),
  }),
})

type Json = Record<string, unknown>
const walk = (node: unknown, found: Json[] = []): Json[] => {
  if (Array.isArray(node)) for (const item of node) walk(item, found)
  else if (node && typeof node === 'object') {
    found.push(node as Json)
    for (const value of Object.values(node)) walk(value, found)
  }
  return found
}
/** The callback value of the Feishu card's button with this label. */
const buttonValue = (card: Json, label: string) => callbacks(card)[label]!
const callbacks = (card: Json): Record<string, Record<string, unknown>> =>
  Object.fromEntries(
    walk(card)
      .filter((n) => n.tag === 'button')
      .map((b) => [
        ((b.text as Json).content as string) ?? '',
        ((b.behaviors as Json[])[0]!.value as Record<string, unknown>) ?? {},
      ]),
  )

describe('on Feishu', () => {
  const feishu = withFeishu()
  const FS = { contact: 'ou_contact', stranger: 'ou_stranger', staff: 'ou_staff', official: 'ou_official' }

  async function seed() {
    const { db } = feishu.server.deps
    await loadStaffFile(db, {
      staff: [
        { name: '周工', department: '质量发展科', identities: { feishu: FS.staff } },
        {
          name: '质量发展科长',
          department: '质量发展科',
          role: 'official',
          isLead: true,
          identities: { feishu: FS.official },
        },
      ],
    })
    const mine = await db.enterprise.create({
      data: { name: '示例鞋业（演示）', creditCode: '91330304MA2FSDT01X', industry: '鞋服', dutyClasses: '["强标"]' },
    })
    const other = await db.enterprise.create({
      data: { name: '示例眼镜（演示）', creditCode: '91330304MA2FSDT02X', industry: '眼镜', dutyClasses: '["许可证"]' },
    })
    await db.contact.create({
      data: { platform: 'feishu', userId: FS.contact, name: '张总监', dutyRole: '质量安全总监', enterpriseId: mine.id },
    })
    await db.contact.create({
      data: {
        platform: 'feishu',
        userId: FS.stranger,
        name: '李安全员',
        dutyRole: '质量安全员',
        enterpriseId: other.id,
      },
    })
  }

  /** The latest card sent to a Feishu user, as the fake received it. */
  const cardTo = (openId: string, title: string) =>
    waitFor(
      () =>
        feishu.fake
          .messages()
          .filter((c) => c.body.receive_id === openId && c.body.msg_type === 'interactive')
          .map((c) => JSON.parse(c.body.content as string) as Json)
          .findLast((card) => ((card.header as Json).title as Json).content === title),
      5000,
      `${title} for ${openId}`,
    ) as Promise<Json>

  async function click(openId: string, value: Record<string, unknown>, formValue?: Record<string, unknown>) {
    const request = feishuRequest(cardActionEvent({ value, formValue, operatorOpenId: openId }), {
      encryptKey: FAKE_ENCRYPT_KEY,
    })
    const res = await fetch(`${feishu.server.url}/webhooks/feishu/cards`, { method: 'POST', ...request })
    return (await res.json()) as { toast?: { type: string; content: string }; card?: { data: Json } }
  }

  it('a check-in is answered by its own enterprise’s contact only', async () => {
    await seed()
    await issueCheckins(feishu.server.deps, nine('2026-11-24'))
    const card = await cardTo(FS.contact, '日管控检查 · 11月24日')
    expect(cardProblems(card)).toEqual([])
    const refused = await click(FS.stranger, buttonValue(card, '已完成'))
    expect(refused.toast).toEqual({
      type: 'error',
      content: '只有本企业的质量安全总监或质量安全员可以反馈该检查，操作未生效。',
    })
    const done = await click(FS.contact, buttonValue(card, '已完成'))
    expect(done.toast).toEqual({ type: 'success', content: '已记录，感谢您的反馈。' })
    expect(cardProblems(done.card!.data)).toEqual([])
    expect(JSON.stringify(done.card!.data)).toContain('已完成 · 质量安全总监 张总监')
  })

  it('the monthly card carries a valid card JSON 2.0 chart of the targets over the months', async () => {
    await seed()
    const { db } = feishu.server.deps
    await db.targetSnapshot.createMany({
      data: [
        { month: '2026-10', target: 'pinzibiao', value: 1 },
        { month: '2026-10', target: 'benchmarking', value: 0 },
      ],
    })
    expect((await sendMonthlyCard(feishu.server.deps, nine('2026-12-01'))).sent).toBe(1)
    const card = await cardTo(FS.official, '质量强企千百行动 · 月调度')
    expect(cardProblems(card)).toEqual([])
    const charts = walk(card).filter((n) => n.tag === 'chart')
    // The documentation advises at most five charts on one card.
    expect(charts.length).toBeGreaterThanOrEqual(1)
    expect(charts.length).toBeLessThanOrEqual(5)
    const chart = chartElement.parse(charts[0])
    const rows = chart.chart_spec.data[0]!.values
    expect([...new Set(rows.map((r) => r.x))]).toEqual(['10月', '11月'])
    expect(rows.filter((r) => r.series === '3 “品字标”认证').map((r) => r.y)).toEqual([10, 0])
    expect(new Set(rows.map((r) => r.series)).size).toBe(7)
    expect(JSON.stringify(card)).not.toContain('▇')
  })

  it('the campaign draft is a form; its approval is the approving official’s alone', async () => {
    await seed()
    await draftCampaigns(feishu.server.deps, nine('2026-05-10'))
    const draft = await cardTo(FS.staff, '活动日宣传稿 · 世界计量日')
    expect(cardProblems(draft)).toEqual([])
    expect(walk(draft).some((n) => n.tag === 'form')).toBe(true)
    const text = '5月20日是世界计量日，欢迎关注计量工作，如需服务可在本群@我。'
    const submitted = await click(FS.staff, buttonValue(draft, '提交审批'), { text })
    expect(submitted.toast).toEqual({ type: 'success', content: '已提交审批。' })
    const approval = await cardTo(FS.official, '宣传稿审批 · 世界计量日')
    expect(JSON.stringify(approval)).toContain(text)
    const byStaff = await click(FS.staff, buttonValue(approval, '同意发送'))
    expect(byStaff.toast?.type).toBe('error')
    const byContact = await click(FS.contact, buttonValue(approval, '同意发送'))
    expect(byContact.toast?.type).toBe('error')
    const approved = await click(FS.official, buttonValue(approval, '同意发送'))
    expect(approved.toast).toEqual({ type: 'success', content: '已同意。' })
    expect(cardProblems(approved.card!.data)).toEqual([])
  })
})

describe('on DingTalk with the interactive card template', () => {
  let fake: FakeDingtalk
  let server: DingtalkTestServer
  afterEach(async () => {
    await server.close()
    await fake.close()
  })

  it('check-in buttons answer for the clicker’s own enterprise only, and the monthly card draws text bars', async () => {
    fake = await startFakeDingtalk()
    server = await startDingtalkServer(fake, { DINGTALK_CARD_TEMPLATE_ID: 'generic-card.schema' })
    const enterprise = await seedDingtalkPeople(server)
    const { db } = server.deps
    await db.enterprise.update({ where: { id: enterprise.id }, data: { dutyClasses: '["强标"]' } })
    await db.contact.updateMany({ where: { userId: DT.contact }, data: { dutyRole: '质量安全员' } })
    const chat = dingtalkChat(server, fake)

    await issueCheckins(server.deps, nine('2026-11-24'))
    await chat.settle()
    const card = await chat.latestCard('duty-checkin', DT.contact)
    expect(fake.cards.get(card.id)?.cardParamMap).toMatchObject({ btn1_text: '已完成', btn2_text: '有问题' })
    const original = { ...fake.cards.get(card.id)!.cardParamMap }
    const refused = await chat.click(DT.assignee, card.id, 1, original)
    expect(refused.map.notice).toBe('只有本企业的质量安全总监或质量安全员可以反馈该检查，操作未生效。')
    expect((await db.dutyCheckin.findFirstOrThrow()).status).toBe('pending')
    const done = await chat.click(DT.contact, card.id, 1, original)
    expect(done.map.notice).toBe('已记录，感谢您的反馈。')
    expect(done.map.markdown).toContain('已完成 · 质量安全员 企业联系人')
    const again = await chat.click(DT.contact, card.id, 2, original)
    expect(again.map.notice).toContain('已更新')
    expect(await db.dutyCheckin.count({ where: { status: 'done' } })).toBe(1)
    expect(await db.ticket.count()).toBe(0)

    expect((await sendMonthlyCard(server.deps, nine('2026-12-01'))).sent).toBe(2)
    await chat.settle()
    const monthly = await chat.latestCard('targets-monthly', DT.official)
    const markdown = fake.cards.get(monthly.id)?.cardParamMap.markdown ?? ''
    expect(markdown).toContain('1 升级先进质量管理体系')
    expect(markdown).toContain('░░░░░░░░░░ 0%')
    expect(markdown).toContain('日管控：应反馈 1 次，已反馈 1 次（100%），其中有问题 0 次')
  })
})
