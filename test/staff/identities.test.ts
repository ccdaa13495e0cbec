// Staff identities without code: the staff file's "identities" (and the older keys), the console name, accounts
// linked in chat kept on reload; and the one mapping from a person to an address.
import { describe, expect, it } from 'vitest'
import type { CoreDeps } from '../../src/deps.ts'
import { addressesOf, addressOf } from '../../src/features/people/addresses.ts'
import { linkAccount } from '../../src/features/staff/identity.repo.ts'
import { staffRecognizer } from '../../src/features/staff/staff.recognizer.ts'
import { loadStaffFile, resolveStaff, saveStaff } from '../../src/features/staff/staff.repo.ts'
import { openTestDb } from '../helpers/db.ts'

describe('staff file identities', () => {
  it('accepts "identities" and the older keys, gives a console name, and is idempotent', async () => {
    const { db, close } = await openTestDb()
    try {
      const file = {
        staff: [
          { name: '李工', department: '认证检测科', identities: { feishu: 'ou_li', dingtalk: 'dt_li' } },
          { name: '张工', department: '计量科', feishuOpenId: 'ou_zhang', dingtalkUserId: 'dt_zhang' },
          { name: '王工', department: '标准化科', identities: { console: 'wang' } },
        ],
      }
      await loadStaffFile(db, file)
      await loadStaffFile(db, file)
      expect(await db.staff.count()).toBe(3)
      const li = await resolveStaff(db, { platform: 'feishu', userId: 'ou_li' })
      expect(li?.identities).toEqual([
        { platform: 'feishu', userId: 'ou_li' },
        { platform: 'dingtalk', userId: 'dt_li' },
        { platform: 'console', userId: '李工' },
      ])
      expect((await resolveStaff(db, { platform: 'dingtalk', userId: 'dt_zhang' }))?.name).toBe('张工')
      expect((await resolveStaff(db, { platform: 'console', userId: '张工' }))?.name).toBe('张工')
      expect((await resolveStaff(db, { platform: 'console', userId: 'wang' }))?.name).toBe('王工')
      expect(await resolveStaff(db, { platform: 'console', userId: '王工' })).toBeNull()
    } finally {
      await close()
    }
  })

  it('a new id in the file replaces that platform’s old one; accounts linked in chat stay; a taken one is refused', async () => {
    const { db, close } = await openTestDb()
    try {
      const li = await saveStaff(db, { name: '李工', department: '认证检测科', identities: { feishu: 'ou_old' } })
      await linkAccount(db, li.id, { platform: 'dingtalk', userId: 'dt_linked_in_chat' })
      const again = await saveStaff(db, { name: '李工', department: '认证检测科', identities: { feishu: 'ou_new' } })
      expect(again.id).toBe(li.id)
      expect(again.identities).toEqual([
        { platform: 'console', userId: '李工' },
        { platform: 'dingtalk', userId: 'dt_linked_in_chat' },
        { platform: 'feishu', userId: 'ou_new' },
      ])
      // The account is the key: an entry with it renames; its console name follows.
      const renamed = await saveStaff(db, {
        name: '李工程师',
        department: '认证检测科',
        identities: { feishu: 'ou_new' },
      })
      expect(renamed.id).toBe(li.id)
      expect(renamed.identities).toContainEqual({ platform: 'console', userId: '李工程师' })
      expect(renamed.identities).not.toContainEqual({ platform: 'console', userId: '李工' })
      // An entry naming accounts of two different people is refused, nothing moved.
      const zhang = await saveStaff(db, { name: '张工', department: '计量科', identities: { dingtalk: 'dt_zhang' } })
      await expect(
        saveStaff(db, { name: '张工', department: '计量科', identities: { feishu: 'ou_new', dingtalk: 'dt_zhang' } }),
      ).rejects.toThrow(/already another staff member/)
      expect((await resolveStaff(db, { platform: 'dingtalk', userId: 'dt_zhang' }))?.id).toBe(zhang.id)
      // An inactive staff member is not recognised, whatever their accounts.
      await saveStaff(db, { name: '李工程师', department: '认证检测科', active: false })
      expect(await resolveStaff(db, { platform: 'feishu', userId: 'ou_new' })).toBeNull()
    } finally {
      await close()
    }
  })
})

describe('addressOf', () => {
  const person = {
    identities: [
      { platform: 'console', userId: '李工' },
      { platform: 'dingtalk', userId: 'dt_li' },
      { platform: 'feishu', userId: 'ou_li' },
      { platform: 'wechat', userId: 'unknown-platform' },
    ],
  }
  const port = {} as NonNullable<CoreDeps['ports']['feishu']>

  it('prefers the conversation’s platform, then the platforms in the order they are on; off ones left out', () => {
    const on = { feishu: port, dingtalk: port, console: port } // as the runtime adds them: the console last
    expect(addressesOf(person, { preferred: 'dingtalk', ports: on }).map((a) => a.platform)).toEqual([
      'dingtalk',
      'feishu',
      'console',
    ])
    expect(addressOf(person, { preferred: 'console', ports: on })).toEqual({ platform: 'console', userId: '李工' })
    expect(addressOf(person, { ports: on })).toEqual({ platform: 'feishu', userId: 'ou_li' })
    // Without the list of platforms that are on: the order the accounts were linked in.
    expect(addressesOf(person).map((a) => a.platform)).toEqual(['console', 'dingtalk', 'feishu', 'wechat'])
    expect(addressOf(person, { preferred: 'feishu' })).toEqual({ platform: 'feishu', userId: 'ou_li' })
  })

  it('with ports, only platforms that are on', () => {
    expect(addressOf(person, { preferred: 'feishu', ports: { dingtalk: port } })).toEqual({
      platform: 'dingtalk',
      userId: 'dt_li',
    })
    expect(addressOf(person, { ports: {} })).toBeNull()
    expect(addressOf({ identities: [] })).toBeNull()
  })
})

describe('staff recognizer', () => {
  const recognize = (text: string) => staffRecognizer.recognize(text, {} as CoreDeps, {} as never)

  it('reads the lead’s request and the colleague’s code', () => {
    expect(recognize('生成绑定码 张工')).toMatchObject({ intent: 'staff.link_code.issue', data: { name: '张工' } })
    expect(recognize('生成绑定码 张工 计量科')).toMatchObject({ data: { name: '张工', department: '计量科' } })
    expect(recognize('绑定工作人员 张工（演示） １２３４５６')).toMatchObject({
      intent: 'staff.link_code.redeem',
      data: { name: '张工（演示）', code: '123456' },
    })
    expect(recognize('绑定工作人员')).toMatchObject({ intent: 'staff.link_code.redeem', data: {} })
    // A contact's enterprise binding code and request are not ours.
    expect(recognize('绑定码 123456')).toBeNull()
    expect(recognize('生成绑定码 123456')).toBeNull()
    expect(recognize('绑定企业')).toBeNull()
  })
})
