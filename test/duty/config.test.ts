// The files staff edit are checked when loaded: the check-in checklists, the campaign days and the plan targets.
import { expect, test } from 'vitest'
import campaignDays from '../../src/features/campaigns/campaign-days.json' with { type: 'json' }
import { campaignsConfigSchema } from '../../src/features/campaigns/campaigns.config.ts'
import { dutyConfigSchema } from '../../src/features/duty/duty.config.ts'
import checklists from '../../src/features/duty/duty-checklists.json' with { type: 'json' }
import { findCategory } from '../../src/features/tickets/categories.ts'

test('the checklists as shipped are valid, name a real ticket category, and a bad edit is refused', () => {
  const config = dutyConfigSchema.parse(checklists)
  expect(findCategory(config.problemCategory)?.label).toBe('质量管理')
  expect(
    dutyConfigSchema.safeParse({ ...checklists, kinds: { ...checklists.kinds, daily: { items: [] } } }).success,
  ).toBe(false)
  expect(dutyConfigSchema.safeParse({ ...checklists, problemCategory: 'no_such' }).success).toBe(false)
  const badTime = { ...checklists.kinds.weekly, dueTime: '25:00' }
  expect(dutyConfigSchema.safeParse({ ...checklists, kinds: { ...checklists.kinds, weekly: badTime } }).success).toBe(
    false,
  )
})

test('the campaign days are the four the plan names, on their dates', () => {
  const config = campaignsConfigSchema.parse(campaignDays)
  expect(config.days.map((d) => [d.name, d.month, d.day])).toEqual([
    ['世界计量日', 5, 20],
    ['世界认可日', 6, 9],
    ['质量月', 9, 1],
    ['世界标准日', 10, 14],
  ])
  expect(campaignsConfigSchema.safeParse({ ...campaignDays, draftDaysBefore: 0 }).success).toBe(false)
})
