// Publishing an alert on the console, through the real server: the guided flow (staff only), the preview with the
// resolved audience, the send to exactly the right chats (enterprises that match one criterion but not another
// get nothing), receipts (refused from outside the audience, once however often clicked, 需要帮助 opens a linked
// ticket), the publisher's summary redrawn for many receipts at once, one reminder, then the 质量管家 is told.
import { describe, expect, it } from 'vitest'
import { handleCardAction } from '../../src/bot/card-action.ts'
import { escalateSilent, sendReminders } from '../../src/features/alerts/reminders.ts'
import { refreshSummaries } from '../../src/features/alerts/summary.ts'
import { loadStaffFile } from '../../src/features/staff/staff.repo.ts'
import { findSentCard } from '../../src/outbox/outbox.repo.ts'
import { queued } from '../helpers/queued.ts'
import { withServer } from '../helpers/server.ts'
import { button, clickAs, simulator } from '../tickets/fixtures.ts'
import { bind, creditCode, STAFF, seedEnterprises, seedStaff } from './fixtures.ts'

const server = withServer()

const HOUR = 3600_000

describe('alerts on the console', () => {
  it('publishes to exactly the audience, records each receipt once, reminds once and tells the 质量管家', async () => {
    const { deps } = server
    await seedStaff(deps)
    // The relevant department: 李工's station, whose head gets one copy; another station's head gets none.
    await loadStaffFile(deps.db, {
      staff: [
        { name: '娄桥所长', department: '娄桥市场监管所', role: 'official', isLead: true },
        { name: '梧田所长', department: '梧田市场监管所', role: 'official', isLead: true },
      ],
    })
    const ids = await seedEnterprises(deps)
    for (const [who, id] of Object.entries({ a1: ids.a, a2: ids.a, b1: ids.b, c1: ids.c, d1: ids.d, e1: ids.e })) {
      await bind(deps, 'console', who, id)
    }
    // 甲 has a group of its own; a group 乙 shares with 甲 is not used (乙 is outside the audience).
    await deps.db.enterpriseGroup.createMany({
      data: [
        { platform: 'console', chatId: 'grp-jia', enterpriseId: ids.a },
        { platform: 'console', chatId: 'grp-shared', enterpriseId: ids.a },
        { platform: 'console', chatId: 'grp-shared', enterpriseId: ids.b },
      ],
    })
    const say = simulator(server.url)

    // Only staff publish.
    expect((await say('a1', '发布预警')).text).toContain('仅限市场监管局工作人员')

    expect((await say(STAFF.publisher, '发布预警')).text).toContain('请输入预警标题')
    expect((await say(STAFF.publisher, '童鞋')).text).toContain('4～60')
    await say(STAFF.publisher, '童鞋抽查不合格风险提示')
    expect((await say(STAFF.publisher, '5')).text).toContain('请回复 1、2 或 3')
    await say(STAFF.publisher, '2')
    await say(STAFF.publisher, '1')
    expect((await say(STAFF.publisher, '企业：123')).text).toContain('有误')
    await say(STAFF.publisher, `行业：鞋服 产品：童鞋 企业：${creditCode(4)}`)
    await say(STAFF.publisher, '请自查同批次童鞋的出厂检验记录，暂停销售可疑批次')
    expect((await say(STAFF.publisher, '2020-01-01')).text).toContain('今天以后')
    const preview = await say(STAFF.publisher, '3天')
    expect(preview.intent).toBe('alert_preview')
    expect(preview.text).toContain('企业：3 家') // 甲, 戊 (鞋服 + 童鞋) and 丁 (named)
    expect(preview.text).toContain('企业联系人：2 人') // d1, e1 (甲 through its group)
    expect(preview.text).toContain('企业群：1 个')
    expect(preview.text).toContain('质量管家：1 人') // 李工 covers 娄桥; 周工 covers 眼镜 in 梧田
    expect(preview.text).toContain('相关科室负责人：1 人') // 娄桥所长 (李工's station)
    expect((await queued(deps.db, '质量风险预警（较重）')).length).toBe(0)

    // Someone else cannot confirm it.
    const draft = await deps.db.alert.findFirstOrThrow()
    const previewCard = (await deps.db.sentCard.findFirstOrThrow({ where: { template: 'alert-preview' } }))!
    const foreign = await handleCardAction(
      deps,
      clickAs(
        STAFF.butler,
        { id: previewCard.id, version: 1, chatId: previewCard.chatId! },
        'alert.confirm',
        { al: draft.id, av: draft.version },
        new Date(),
      ),
    )
    expect(foreign.toast?.type).toBe('error')

    const sent = await say(STAFF.publisher, button(preview, '确认发布'))
    expect(sent.text).toContain('预警已发出，覆盖 3 家企业')
    await server.idle()

    const notices = await queued(deps.db, '"template":"alert-notice"')
    expect(notices.map((o) => o.target).sort()).toEqual(['d1', 'e1', 'grp-jia'])
    const staffCopies = await queued(deps.db, '"template":"alert-staff"')
    expect(staffCopies.map((o) => o.target)).toEqual([STAFF.butler, '娄桥所长'])
    expect(staffCopies[1]!.payload).toContain('本科室负责的涉及企业')
    const everyone = await queued(deps.db, '童鞋抽查不合格风险提示')
    for (const outsider of ['a1', 'a2', 'b1', 'c1', 'grp-shared', STAFF.glasses, '梧田所长']) {
      expect(everyone.map((o) => o.target)).not.toContain(outsider)
    }
    // Sending twice is impossible: the preview's button is gone and a replayed confirm is refused.
    const alert = await deps.db.alert.findFirstOrThrow()
    expect(alert.status).toBe('sent')
    const replay = await handleCardAction(
      deps,
      clickAs(
        STAFF.publisher,
        { id: previewCard.id, version: 1, chatId: previewCard.chatId! },
        'alert.confirm',
        { al: draft.id, av: draft.version },
        new Date(),
      ),
    )
    expect(replay.toast?.type).not.toBe('success')
    expect(await deps.db.alertRecipient.count()).toBe(3)

    const noticeFor = async (target: string) => {
      const row = await deps.db.sentCard.findFirstOrThrow({
        where: { template: 'alert-notice', OR: [{ userId: target }, { chatId: target }] },
      })
      return (await findSentCard(deps.db, row.id))!
    }
    const click = async (who: string, target: string, action: string, chatId?: string) => {
      const card = await noticeFor(target)
      return handleCardAction(
        deps,
        clickAs(
          who,
          { id: card.id, version: card.version, chatId: chatId ?? card.chatId ?? `p2p-${who}` },
          action,
          { al: alert.id },
          new Date(),
        ),
      )
    }

    // Outside the audience: refused, nothing recorded.
    const outsider = await click('b1', 'grp-jia', 'alert.ack', 'grp-jia')
    expect(outsider.toast).toMatchObject({ type: 'error' })
    expect(await deps.db.alertRecipient.count({ where: { receipt: { not: null } } })).toBe(0)

    // 丁 acknowledges: twice, and twice at once — one receipt.
    const first = await click('d1', 'd1', 'alert.ack')
    expect(first.toast?.type).toBe('success')
    expect(JSON.stringify(first.card)).toContain('贵企业已回执：已知悉')
    const again = await Promise.all([click('d1', 'd1', 'alert.ack'), click('d1', 'd1', 'alert.ack')])
    expect(again.every((r) => r.toast?.type !== 'success' || r.toast.text.includes('无需重复'))).toBe(true)
    expect(await deps.db.alertRecipient.count({ where: { receipt: 'acknowledged' } })).toBe(1)

    // 戊 needs help: a ticket linked to the alert, once.
    const help = await Promise.all([click('e1', 'e1', 'alert.help'), click('e1', 'e1', 'alert.help')])
    expect(help.some((r) => r.toast?.text.includes('服务工单'))).toBe(true)
    const helped = await deps.db.alertRecipient.findUniqueOrThrow({
      where: { alertId_enterpriseId: { alertId: alert.id, enterpriseId: ids.e } },
    })
    expect(helped.receipt).toBe('needs_help')
    const tickets = await deps.db.ticket.findMany()
    expect(tickets).toHaveLength(1)
    expect(tickets[0]).toMatchObject({ id: helped.ticketId, enterpriseId: ids.e, category: 'quality_mgmt' })
    expect(tickets[0]!.description).toContain(`YJ-${alert.id}`)

    // The summary: one redraw for both receipts, pushed once; nothing to push when nothing changed.
    await server.idle()
    const before = await deps.db.outbox.count({ where: { targetKind: 'card_update' } })
    expect(await refreshSummaries(deps, new Date())).toBe(1)
    expect(await refreshSummaries(deps, new Date())).toBe(0)
    const summary = (await findSentCard(
      deps.db,
      (
        await deps.db.sentCard.findFirstOrThrow({ where: { template: 'alert-summary' } })
      ).id,
    ))!
    const shown = JSON.stringify(summary.model.blocks)
    expect(shown).toContain('{"label":"覆盖企业","value":"3 家"}')
    expect(shown).toContain('{"label":"已知悉","value":"1 家"}')
    expect(shown).toContain('{"label":"需要帮助","value":"1 家"}')
    expect(shown).toContain('{"label":"未回执","value":"1 家"}')
    expect(shown).toContain(tickets[0]!.number)
    expect(await deps.db.outbox.count({ where: { targetKind: 'card_update' } })).toBe(before + 1)

    // One reminder before the deadline, to 甲 only (through its group); a second run sends nothing.
    const due = alert.receiptDue.getTime()
    expect(await sendReminders(deps, new Date(due - 30 * HOUR))).toBe(0)
    expect(await sendReminders(deps, new Date(due - 20 * HOUR))).toBe(1)
    expect(await sendReminders(deps, new Date(due - 10 * HOUR))).toBe(0)
    const reminders = await queued(deps.db, '提醒：贵企业尚未回执')
    expect(reminders.map((r) => r.target)).toEqual(['grp-jia'])

    // After the deadline, 李工 (娄桥) is told about 甲, once.
    expect(await escalateSilent(deps, new Date(due - HOUR))).toBe(0)
    expect(await escalateSilent(deps, new Date(due + HOUR))).toBe(1)
    expect(await escalateSilent(deps, new Date(due + 2 * HOUR))).toBe(0)
    const told = await queued(deps.db, '"template":"alert-escalation"')
    expect(told.map((t) => t.target)).toEqual([STAFF.butler])
    expect(told[0]!.payload).toContain('甲童鞋有限公司')
    expect(told[0]!.payload).not.toContain('丁锁具')

    // History: the contact sees its own enterprise's alert and receipt; staff see receipt rates.
    const mine = await say('d1', '最近有什么预警')
    expect(mine.text).toContain('童鞋抽查不合格风险提示')
    expect(mine.text).toContain('已知悉')
    expect((await say('b1', '最近有什么预警')).text).toContain('近期没有发送给贵企业')
    expect((await say(STAFF.publisher, '最近有什么预警')).text).toContain('回执率 67%')
  })
})
