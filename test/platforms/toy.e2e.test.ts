// A fourth platform, defined entirely in test/platforms/toy (WeCom-like: signed JSON webhook, an API that posts
// messages, numbered replies instead of card callbacks), plugged into the real server beside the others: a contact
// opens a service ticket and an official approves it from its card, with no change to the core or to any feature.
// Its staff are people with an identity on it (the Identity table, keyed by the platform's id, as a staff file's
// "identities" or a link code would record them): no code knows the platform's name.
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type FakeToy, startFakeToy, TOY_TOKEN } from '../fakes/toy/server.ts'
import { startTestServer, type TestServer, waitFor } from '../helpers/server.ts'
import { bindContact, STAFF, seedPeople } from '../tickets/fixtures.ts'
import { createToyPlatform } from './toy/index.ts'

let fake: FakeToy
let server: TestServer
beforeEach(async () => {
  fake = await startFakeToy()
  server = await startTestServer({
    simulator: false,
    platform: (deps) => createToyPlatform(deps, { apiUrl: fake.url, token: TOY_TOKEN }),
  })
})
afterEach(async () => {
  await server.close()
  await fake.close()
})

const CONTACT = 'ent-contact'
const chatOf = (userId: string) => `single:${userId}`

/** One person writes one line in their one-to-one chat with the bot; resolves once the bot has handled it. */
async function say(userId: string, text: string) {
  const res = await fake.post(server.url, {
    MsgId: randomUUID(),
    MsgType: 'text',
    ChatId: chatOf(userId),
    ChatType: 'single',
    From: { UserId: userId, Name: userId },
    Text: { Content: text },
  })
  expect(res.status).toBe(200)
  await server.idle()
}

/** The latest message in a person's chat that contains `needle` (messages leave through the outbox: wait). */
const seen = async (userId: string, needle: string): Promise<string> =>
  (await waitFor(
    () => fake.textsIn(chatOf(userId)).findLast((t) => t.includes(needle)),
    5000,
    `“${needle}” to ${userId}`,
  ))!

/** The number a card's text asks to reply for the button `label`. */
const numberOf = (text: string, label: string) => {
  const n = new RegExp(`回复 (\\d+)：${label}`).exec(text)?.[1]
  if (!n) throw new Error(`no number for ${label} in:\n${text}`)
  return n
}

describe('a platform module defined in the tests', () => {
  it('runs the service ticket and its approval through the real server', async () => {
    const { deps } = server
    expect(deps.capabilities('toy')).toMatchObject({ forms: false, numberedReplies: true })
    const enterprise = await seedPeople(deps)
    // Their accounts on this platform, as a staff file's "identities" or a link code would record them.
    for (const staff of await deps.db.staff.findMany())
      await deps.db.identity.create({ data: { platform: 'toy', userId: staff.name, staffId: staff.id } })
    await bindContact(deps, 'toy', CONTACT, enterprise.id)

    // No forms on this platform: the application goes one question at a time.
    await say(CONTACT, '申请检验检测费用减免')
    await seen(CONTACT, '为您办理“检验检测费用减免”服务申请')
    for (const line of ['今年送检鞋类产品的检验检测费用申请减免', '138 1234 5678', '无']) await say(CONTACT, line)
    const ticket = await deps.db.ticket.findFirstOrThrow()
    expect(ticket).toMatchObject({ originPlatform: 'toy', category: 'fee_waiver', status: 'assigned' })
    await seen(CONTACT, ticket.number)

    // The assignee sends it for approval by replying the number their to-do card shows.
    await say(STAFF.assignee, '我的待办')
    const task = await seen(STAFF.assignee, '需要审批')
    await say(STAFF.assignee, numberOf(task, '需要审批'))
    await seen(STAFF.assignee, '已提交审批。')
    expect((await deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('pending_approval')

    // The official presses 同意 on the approval card the same way; the answer comes back as messages.
    await say(STAFF.official, '我的待办')
    const approval = await seen(STAFF.official, '回复 1：同意')
    expect(approval).toContain('回复 2：驳回')
    await say(STAFF.official, numberOf(approval, '同意'))
    await seen(STAFF.official, '已同意。')
    await seen(STAFF.official, '已同意 · 认证科长')
    const decisions = await deps.db.ticketEvent.findMany({
      where: { ticketId: ticket.id, action: { in: ['approved', 'rejected'] } },
    })
    expect(decisions.map((d) => d.action)).toEqual(['approved'])
    expect((await deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('approved')
    await seen(CONTACT, '审批已通过')

    // The same number again presses nothing twice: the card has no buttons left.
    await say(STAFF.official, '1')
    await seen(STAFF.official, '目前没有可以回复数字办理的事项')
    expect(await deps.db.ticketEvent.count({ where: { ticketId: ticket.id, action: 'approved' } })).toBe(1)
  })

  it('refuses a forged message and stores nothing', async () => {
    const res = await fake.post(
      server.url,
      {
        MsgId: 'forged',
        MsgType: 'text',
        ChatId: 'single:x',
        ChatType: 'single',
        From: { UserId: 'x' },
        Text: { Content: '帮助' },
      },
      'f'.repeat(64),
    )
    expect(res.status).toBe(401)
    expect(await server.deps.db.inboundEvent.count()).toBe(0)
  })
})
