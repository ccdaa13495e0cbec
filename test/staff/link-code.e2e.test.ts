// A staff member links their DingTalk account from chat with a one-time code their department lead issued, through
// the real server and the fake DingTalk (signed one-to-one robot messages on 127.0.0.1).
import { createHash } from 'node:crypto'
import { beforeEach, describe, expect, it } from 'vitest'
import { loadStaffFile, resolveStaff } from '../../src/features/staff/staff.repo.ts'
import { DT, dingtalkChat, seedDingtalkPeople } from '../dingtalk/chat.ts'
import { robotText, signedHeaders } from '../dingtalk/fixtures.ts'
import { withDingtalk } from '../helpers/dingtalk.ts'

let chat: ReturnType<typeof dingtalkChat>

const dingtalk = withDingtalk()
beforeEach(async () => {
  await seedDingtalkPeople(dingtalk.server)
  // New colleagues in 认证检测科 (led by 认证科长, DT.official) with no DingTalk account yet.
  await loadStaffFile(dingtalk.server.deps.db, {
    staff: [
      { name: '周工', department: '认证检测科', categories: ['testing'] },
      { name: '吴工', department: '认证检测科', categories: ['testing'] },
    ],
  })
  chat = dingtalkChat(dingtalk.server, dingtalk.fake)
})

const last = (userId: string) => chat.textsTo(userId).at(-1) ?? ''

async function issue(lead: string, name: string): Promise<string> {
  await chat.say(lead, `生成绑定码 ${name}`)
  const code = /绑定码：(\d{6})/.exec(last(lead))?.[1]
  if (!code) throw new Error(`no code in: ${last(lead)}`)
  return code
}

const wrongOf = (code: string) => (code === '000000' ? '111111' : '000000')

describe('linking a staff account with a one-time code', () => {
  it('a lead issues a code privately; the colleague sends it with their name and is recognised from then on', async () => {
    const code = await issue(DT.official, '周工')
    const issued = last(DT.official)
    expect(issued).toContain('已为认证检测科的周工生成工作人员绑定码')
    expect(issued).toContain(`绑定工作人员 周工 ${code}`)
    expect(issued).toContain('仅可使用一次')
    // Only the hash is kept.
    const row = await dingtalk.server.deps.db.staffLinkCode.findFirstOrThrow()
    expect(row.codeHash).toBe(createHash('sha256').update(code).digest('hex'))
    expect(JSON.stringify(row)).not.toContain(code)

    await chat.say('dt_zhou', `绑定工作人员 周工 ${wrongOf(code)}`)
    expect(last('dt_zhou')).toBe('绑定码不正确，请核对科室负责人告知您的6位数字后重新发送（还可以再试4次）。')
    expect(await resolveStaff(dingtalk.server.deps.db, { platform: 'dingtalk', userId: 'dt_zhou' })).toBeNull()

    await chat.say('dt_zhou', `绑定工作人员 周工 ${code}`)
    expect(last('dt_zhou')).toContain('绑定成功！您的账号已关联为认证检测科的周工')
    const staff = await resolveStaff(dingtalk.server.deps.db, { platform: 'dingtalk', userId: 'dt_zhou' })
    expect(staff?.name).toBe('周工')
    expect(staff?.identities).toContainEqual({ platform: 'dingtalk', userId: 'dt_zhou' })

    // Recognised as staff: 我的待办 is the staff list, not a contact's.
    await chat.say('dt_zhou', '我的待办')
    expect(last('dt_zhou')).toContain('目前没有待办工单')

    // Single use: the same code again finds nothing; another account cannot take it either.
    await chat.say('dt_zhou', `绑定工作人员 周工 ${code}`)
    expect(last('dt_zhou')).toContain('未找到“周工”的有效绑定码')
    await chat.say('dt_intruder', `绑定工作人员 周工 ${code}`)
    expect(last('dt_intruder')).toContain('未找到“周工”的有效绑定码')
    expect(await resolveStaff(dingtalk.server.deps.db, { platform: 'dingtalk', userId: 'dt_intruder' })).toBeNull()
  })

  it('only a lead of the department or an admin may issue; an account already someone else’s is refused', async () => {
    await chat.say(DT.other, '生成绑定码 周工')
    expect(last(DT.other)).toContain('仅科室负责人（为本科室人员）或系统管理员可以生成工作人员绑定码')
    await chat.say(DT.official, '生成绑定码 张工') // 张工 is in 计量科
    expect(last(DT.official)).toContain('仅科室负责人（为本科室人员）或系统管理员可以生成工作人员绑定码')
    await chat.say(DT.official, '生成绑定码 无此人')
    expect(last(DT.official)).toContain('未找到在职工作人员“无此人”')
    await chat.say('dt_stranger', '生成绑定码 周工')
    expect(last('dt_stranger')).toContain('仅科室负责人')
    expect(await dingtalk.server.deps.db.staffLinkCode.count()).toBe(0)

    // 李工's account (DT.assignee) is already linked: it cannot become 周工's.
    const code = await issue(DT.official, '周工')
    await chat.say(DT.assignee, `绑定工作人员 周工 ${code}`)
    expect(last(DT.assignee)).toBe('该账号已关联其他工作人员，无法重复绑定。如有疑问，请联系系统管理员。')
    // The code was not used up by that: the right account still links with it.
    await chat.say('dt_zhou', `绑定工作人员 周工 ${code}`)
    expect(last('dt_zhou')).toContain('绑定成功')
  })

  it('wrong codes: a few tries, then the code is void; a new code replaces the old one', async () => {
    const first = await issue(DT.official, '吴工')
    const second = await issue(DT.official, '吴工')
    await chat.say('dt_wu', `绑定工作人员 吴工 ${first}`)
    // The first code was replaced by the second (unless they happen to be equal).
    if (first !== second) expect(last('dt_wu')).toContain('绑定码不正确')
    for (let i = 0; i < 5; i++) await chat.say('dt_wu', `绑定工作人员 吴工 ${wrongOf(second)}`)
    expect(chat.textsTo('dt_wu')).toContain(
      '绑定码错误次数过多，为保护账号安全，该绑定码已失效。请联系科室负责人重新生成。',
    )
    await chat.say('dt_wu', `绑定工作人员 吴工 ${second}`)
    expect(last('dt_wu')).toContain('未找到“吴工”的有效绑定码')
    expect(await resolveStaff(dingtalk.server.deps.db, { platform: 'dingtalk', userId: 'dt_wu' })).toBeNull()

    // An expired code is no code.
    const third = await issue(DT.official, '吴工')
    await dingtalk.server.deps.db.staffLinkCode.updateMany({
      where: { usedAt: null },
      data: { expiresAt: new Date(0) },
    })
    await chat.say('dt_wu', `绑定工作人员 吴工 ${third}`)
    expect(last('dt_wu')).toContain('未找到“吴工”的有效绑定码')

    await chat.say('dt_wu', '绑定工作人员 123456')
    expect(last('dt_wu')).toContain('请按“绑定工作人员 姓名 绑定码”的格式发送')
  })

  it('a code is never shown in a group chat', async () => {
    const body = robotText({
      text: { content: '生成绑定码 周工' },
      senderStaffId: DT.official,
      senderNick: '认证科长',
    })
    const res = await fetch(`${dingtalk.server.url}/webhooks/dingtalk/robot`, {
      method: 'POST',
      headers: await signedHeaders(dingtalk.fake.clientSecret),
      body: JSON.stringify(body),
    })
    expect(res.status).toBe(200)
    await chat.settle()
    const sent = dingtalk.fake.callsTo('POST /v1.0/robot/groupMessages/send').map((c) => String(c.body.msgParam))
    expect(sent.join('\n')).toContain('为保护绑定码安全，请在与我的单聊中发送')
    expect(await dingtalk.server.deps.db.staffLinkCode.count()).toBe(0)
  })
})
