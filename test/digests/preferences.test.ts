// Preferences follow a digest still waiting to go: muting cancels it, undoing the mute brings it back, a new time
// moves it. Each change is the clicker's own (the verified operator) and recorded.
import { afterEach, beforeEach, expect, test } from 'vitest'
import { handleCardAction } from '../../src/bot/card-action.ts'
import { runDigest } from '../../src/features/digests/digest.job.ts'
import { STAFF_DIGEST } from '../../src/features/digests/digest.specs.ts'
import { buildCalendar } from '../../src/features/tickets/working-hours.ts'
import { cardClickEvent } from '../helpers/actions.ts'
import { testCore } from '../helpers/core.ts'
import { seedPeople } from '../tickets/fixtures.ts'
import { setClock, ticket } from './fixtures.ts'

let core: Awaited<ReturnType<typeof testCore>>
beforeEach(async () => {
  core = await testCore()
})
afterEach(() => core.close())

const click = (userId: string, action: string, value: Record<string, unknown>) =>
  handleCardAction(
    core.deps,
    cardClickEvent({ platform: 'feishu', operator: { platform: 'feishu', userId }, action, value }),
  )

test('mute cancels the digest waiting for 09:30, undo brings it back, 14:00 moves it', async () => {
  const { db } = core.deps
  await seedPeople(core.deps, { feishu: true })
  const li = await db.staff.findFirstOrThrow({ where: { name: '李工' } })
  await ticket(core.deps, { assigneeId: li.id, status: 'assigned', createdAt: '2026-11-23T09:00:00+08:00' })
  await db.digestPreference.create({ data: { staffId: li.id, digest: 'staff-digest', deliverAt: '09:30' } })
  setClock(core.clock, '2026-11-24T08:30:00+08:00')
  const calendar = buildCalendar({ workingHours: [{ start: '08:30', end: '17:30' }] })
  await runDigest(
    core.deps,
    STAFF_DIGEST,
    core.clock.now(),
    { period: '2026-11-24', trigger: 'schedule' },
    { calendar },
  )
  const waiting = () =>
    db.outbox.findFirstOrThrow({ where: { dedupeKey: `digest:staff-digest:2026-11-24:staff:${li.id}` } })
  expect(await waiting()).toMatchObject({ status: 'pending', nextAttemptAt: new Date('2026-11-24T09:30:00+08:00') })

  setClock(core.clock, '2026-11-24T09:00:00+08:00')
  expect((await click('ou_assignee', 'digest.mute', { d: 'staff-digest' })).toast?.text).toContain('已暂停')
  expect((await waiting()).status).toBe('cancelled')
  expect((await click('ou_assignee', 'digest.undo', { d: 'staff-digest' })).toast?.text).toBe('已撤销上次更改。')
  expect((await waiting()).status).toBe('pending')
  expect((await click('ou_assignee', 'digest.time', { d: 'staff-digest', at: '14:00' })).toast?.text).toBe(
    '推送时间已改为 14:00。',
  )
  expect((await waiting()).nextAttemptAt).toEqual(new Date('2026-11-24T14:00:00+08:00'))
  // A time that is not offered is refused; someone else's click changes their own settings, never 李工's.
  expect((await click('ou_assignee', 'digest.time', { d: 'staff-digest', at: '03:00' })).toast?.text).toBe(
    '该按钮已失效。',
  )
  await click('ou_other', 'digest.mute', { d: 'staff-digest' })
  expect(await db.digestPreference.findFirst({ where: { staffId: li.id } })).toMatchObject({
    muted: false,
    deliverAt: '14:00',
  })
  expect((await waiting()).status).toBe('pending')
  expect(
    (await db.digestPreferenceChange.findMany({ where: { staffId: li.id }, orderBy: { id: 'asc' } })).map(
      (c) => c.change,
    ),
  ).toEqual(['mute', 'undo', 'time'])
})

test('buttons from several features keep unique reply numbers, at most five on a card', async () => {
  const { renderDigestCard } = await import('../../src/features/digests/digest.card.ts')
  const at = new Date('2026-11-24T08:30:00+08:00')
  const button = (label: string, number?: number) => ({ label, action: 'x.y', value: {}, number })
  const card = renderDigestCard(
    STAFF_DIGEST,
    { name: '李工' },
    [
      { title: '工单', lines: ['a'], buttons: [button('接单', 1), button('查看全部待办', 3)] },
      { title: '日管控', lines: ['b'], buttons: [button('去确认', 1), button('另一个')] },
    ],
    at,
    { from: at, to: at },
  )
  expect(card.actions.map((b) => [b.label, b.number])).toEqual([
    ['接单', 1],
    ['查看全部待办', 3],
    ['去确认', 2],
    ['推送设置', 4],
    ['暂停此提醒', 5],
  ])
})
