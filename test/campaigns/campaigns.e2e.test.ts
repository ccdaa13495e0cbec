// Campaign days on the console with an injected clock: the draft reaches staff before the day, staff edit and
// submit it, only an official of the approving department (or an admin) approves, and one click sends it to every
// registered enterprise group, once each.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { handleCardAction } from '../../src/bot/card-action.ts'
import { draftCampaigns } from '../../src/features/campaigns/campaign.draft.ts'
import { draftsDue } from '../../src/features/campaigns/campaigns.config.ts'
import { groupsSeeder } from '../../src/features/campaigns/campaigns.seeder.ts'
import { saveStaff } from '../../src/features/staff/staff.repo.ts'
import { findSentCard } from '../../src/outbox/outbox.repo.ts'
import { createConsoleSession } from '../../src/platforms/console/receive.ts'
import { type Bot, readDemo, startBot } from '../enterprises/harness.ts'
import { cardClickEvent } from '../helpers/actions.ts'

const nine = (date: string) => new Date(`${date}T01:00:00Z`)
const OFFICIAL = '质量发展科负责人（演示）'
const OTHER_OFFICIAL = '计量科负责人（演示）'

let bot: Bot
beforeEach(async () => {
  bot = await startBot()
  await saveStaff(bot.db, { name: OFFICIAL, department: '质量发展科', role: 'official', isLead: true })
  await saveStaff(bot.db, { name: OTHER_OFFICIAL, department: '计量科', role: 'official', isLead: true })
  await groupsSeeder.load(bot.db, await readDemo('groups.json'))
})
afterEach(() => bot.close())

async function latest(template: string, userId: string) {
  const row = await bot.db.sentCard.findFirstOrThrow({ where: { template, userId }, orderBy: { createdAt: 'desc' } })
  return (await findSentCard(bot.db, row.id))!.model
}

describe('campaign days', () => {
  it('are drafted within ten days before the day', () => {
    const due = (date: string) => draftsDue(nine(date)).map((d) => `${d.day.code}:${d.year}`)
    expect(due('2026-05-09')).toEqual([])
    expect(due('2026-05-10')).toEqual(['metrology_day:2026'])
    expect(due('2026-05-19')).toEqual(['metrology_day:2026'])
    expect(due('2026-05-20')).toEqual([])
    expect(due('2026-06-01')).toEqual(['accreditation_day:2026'])
    expect(due('2026-08-25')).toEqual(['quality_month:2026'])
    expect(due('2026-10-04')).toEqual(['standards_day:2026'])
  })

  it('go from draft to every enterprise group once, approved by the right official only', async () => {
    const deps = bot.server.deps
    expect(await draftCampaigns(deps, nine('2026-05-10'))).toEqual({ drafted: 1, sent: 1 })
    expect(await draftCampaigns(deps, nine('2026-05-11'))).toEqual({ drafted: 0, sent: 0 })
    await deps.outbox.drain()
    const draft = await latest('campaign-draft', '王工')
    expect(draft.title).toBe('活动日宣传稿 · 世界计量日')
    expect(JSON.stringify(draft.blocks)).toContain('共 2 个企业群（本地模拟器 2 个）')
    const campaign = await bot.db.campaign.findFirstOrThrow()

    // A contact cannot submit; staff edit by message where cards have no form, and submit.
    expect((await bot.click('demo-boss', draft, '提交审批')).toast?.type).toBe('error')
    const staff = bot.session('王工')
    expect((await staff.say(`修改宣传稿 ${campaign.id} 太短`)).text).toContain('宣传稿过短')
    const text = '5月20日是世界计量日，欢迎各企业关注计量工作，如需服务可在本群@我。'
    expect((await staff.say(`修改宣传稿 ${campaign.id} ${text}`)).text).toContain('宣传稿已修改')
    const submitted = await bot.click('王工', await latest('campaign-draft', '王工'), '提交审批')
    expect(submitted.toast).toEqual({ type: 'success', text: '已提交审批。' })
    expect(submitted.card?.actions).toEqual([])

    // The approval card reaches the approving department's official; others are refused.
    const approval = await latest('campaign-approval', OFFICIAL)
    expect(JSON.stringify(approval.blocks)).toContain(text)
    expect(await bot.db.sentCard.count({ where: { template: 'campaign-approval', userId: OTHER_OFFICIAL } })).toBe(0)
    for (const who of [OTHER_OFFICIAL, '王工', 'demo-boss']) {
      const refused = await handleCardAction(
        deps,
        cardClickEvent({
          operator: { platform: 'console', userId: who },
          cardId: approval.id,
          cardVersion: (await findSentCard(bot.db, approval.id!))!.version,
          action: 'campaign.approve',
          value: approval.actions[0]!.value,
        }),
      )
      expect(refused.toast).toEqual({ type: 'error', text: '您没有办理此操作的权限，操作未生效。' })
    }
    expect((await bot.db.campaign.findFirstOrThrow()).status).toBe('pending_approval')
    const approved = await bot.click(OFFICIAL, approval, '同意发送')
    expect(approved.toast?.text).toBe('已同意。')
    expect(JSON.stringify(approved.card?.blocks)).toContain(`已同意 · ${OFFICIAL}`)

    // The submitter gets 一键发送; one click sends to both groups; again, nothing more.
    await deps.outbox.drain()
    bot.server.console.inbox.take()
    const ready = await latest('campaign-draft', '王工')
    expect(ready.actions.map((b) => b.label)).toEqual(['一键发送'])
    const sent = await bot.click('王工', ready, '一键发送')
    expect(sent.toast?.text).toBe('已发送到 2 个企业群。')
    const delivered = bot.server.console.inbox.take().filter((m) => m.address.chatId?.startsWith('demo-group'))
    expect(delivered.map((m) => [m.address.chatId, m.body.kind === 'text' ? m.body.text : ''])).toEqual([
      ['demo-group-shoes', text],
      ['demo-group-glasses', text],
    ])
    const again = await handleCardAction(
      deps,
      cardClickEvent({
        operator: { platform: 'console', userId: '王工' },
        cardId: ready.id,
        cardVersion: (await findSentCard(bot.db, ready.id!))!.version,
        action: 'campaign.send',
        value: ready.actions[0]!.value,
      }),
    )
    expect(again.toast?.text).toBe('该宣传稿已发送，无需重复操作。')
    expect(await bot.db.campaignDelivery.count()).toBe(2)
    expect(await bot.db.outbox.count({ where: { targetKind: 'chat', target: { startsWith: 'demo-group' } } })).toBe(2)
  })

  it('is sent back by the official for changes, and cannot be sent before approval', async () => {
    const deps = bot.server.deps
    await draftCampaigns(deps, nine('2026-10-04'))
    const draft = await latest('campaign-draft', '王工')
    expect(draft.title).toBe('活动日宣传稿 · 世界标准日')
    await bot.click('王工', draft, '提交审批')
    const approval = await latest('campaign-approval', OFFICIAL)
    expect((await bot.click(OTHER_OFFICIAL, approval, '退回修改')).toast?.type).toBe('error')
    expect((await bot.click(OFFICIAL, approval, '退回修改')).toast?.text).toBe('已退回修改。')
    const back = await latest('campaign-draft', '王工')
    expect(back.actions.map((b) => b.label)).toEqual(['提交审批'])
    expect(JSON.stringify(back.blocks)).toContain('领导已退回，请修改后重新提交。')
    const early = await handleCardAction(
      deps,
      cardClickEvent({
        operator: { platform: 'console', userId: '王工' },
        cardId: back.id,
        cardVersion: 1,
        action: 'campaign.send',
        value: back.actions[0]!.value,
      }),
    )
    expect(early.toast?.text).toBe('宣传稿尚未审批同意，不能发送。')
    expect(await bot.db.campaignDelivery.count()).toBe(0)
  })

  it('registers a group only when staff ask in the group itself', async () => {
    const contact = bot.session('demo-boss')
    expect((await contact.say('登记企业群')).text).toContain('企业群由工作人员登记')
    expect((await bot.session('王工').say('登记企业群')).text).toContain('请在需要接收活动日宣传的企业群中发送')
    const inGroup = (userId: string) =>
      createConsoleSession(bot.server.deps, bot.server.console.inbox, {
        userId,
        chatId: 'group-locks',
        chatType: 'group',
      })
    expect((await inGroup('demo-lock').say('登记企业群')).text).toContain('企业群由工作人员登记')
    expect(await bot.db.broadcastGroup.count({ where: { chatId: 'group-locks' } })).toBe(0)
    expect((await inGroup('王工').say('登记企业群')).text).toBe(
      '已登记本群为企业群，活动日宣传经领导审批后会发送到本群。',
    )
    expect((await inGroup('王工').say('登记企业群')).text).toContain('已登记本群')
    expect(await bot.db.broadcastGroup.count({ where: { active: true } })).toBe(3)
    expect((await inGroup('王工').say('取消登记企业群')).text).toBe('已取消登记，本群不再接收活动日宣传。')
    expect(await bot.db.broadcastGroup.count({ where: { active: true } })).toBe(2)
  })
})
