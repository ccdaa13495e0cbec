// Talking to the real server as DingTalk people would: signed robot callbacks from one-to-one chats, signed card
// callbacks built from the buttons the fake holds for a card, and what the fake received for each person.
import { loadStaffFile } from '../../src/features/staff/staff.repo.ts'
import type { FakeDingtalk } from '../fakes/dingtalk/server.ts'
import type { DingtalkTestServer } from '../helpers/dingtalk.ts'
import { waitFor } from '../helpers/server.ts'
import { cardClick, robotText, signedHeaders } from './fixtures.ts'

/** DingTalk userIds (senderStaffId) of the fictional people. */
export const DT = {
  contact: 'dt_contact',
  assignee: 'dt_assignee',
  other: 'dt_other',
  official: 'dt_official',
  official2: 'dt_official2',
} as const

export async function seedDingtalkPeople(server: DingtalkTestServer) {
  const { db } = server.deps
  await loadStaffFile(db, {
    staff: [
      {
        name: '李工',
        department: '认证检测科',
        categories: ['testing', 'fee_waiver'],
        identities: { dingtalk: DT.assignee },
      },
      { name: '张工', department: '计量科', categories: ['metrology'], identities: { dingtalk: DT.other } },
      {
        name: '认证科长',
        department: '认证检测科',
        role: 'official',
        isLead: true,
        identities: { dingtalk: DT.official },
      },
      { name: '认证副科长', department: '认证检测科', role: 'official', identities: { dingtalk: DT.official2 } },
    ],
  })
  const enterprise = await db.enterprise.create({
    data: { name: '示例鞋业有限公司（演示）', creditCode: '91330304MA2TEST01X', industry: '鞋服', town: '娄桥街道' },
  })
  await db.contact.create({
    data: {
      platform: 'dingtalk',
      userId: DT.contact,
      name: '企业联系人',
      enterpriseId: enterprise.id,
      boundAt: new Date(),
    },
  })
  return enterprise
}

export interface Sent {
  msgKey: string
  /** sampleText content, or the markdown text of a card sent as a robot message. */
  text: string
}

export function dingtalkChat(server: DingtalkTestServer, fake: FakeDingtalk) {
  let seq = 0

  /** A signed one-to-one robot message from `userId`; resolves once the bot has handled it. */
  async function say(userId: string, text: string, msgId = `msg-${userId}-${++seq}`) {
    const body = robotText({
      msgId,
      text: { content: text },
      conversationType: '1',
      conversationId: `cidP2P_${userId}`,
      senderStaffId: userId,
      senderNick: userId,
    })
    const res = await fetch(`${server.url}/webhooks/dingtalk/robot`, {
      method: 'POST',
      headers: await signedHeaders(fake.clientSecret),
      body: JSON.stringify(body),
    })
    if (res.status !== 200) throw new Error(`robot callback ${res.status}: ${await res.text()}`)
    await settle()
    return msgId
  }

  /** Waits for background work and the outbox (the rate limiter may hold a row back for a moment). */
  async function settle() {
    await server.idle()
    await waitFor(async () => (await server.deps.db.outbox.count({ where: { status: 'pending' } })) === 0, 5000)
    await server.idle()
  }

  /** A signed HTTP card callback: `userId` presses the button shown in `slot` of the card as the fake holds it. */
  async function click(userId: string, cardId: string, slot: number, map = fake.cards.get(cardId)?.cardParamMap) {
    if (!map) throw new Error(`the fake has no card ${cardId}`)
    const params = { a: map[`btn${slot}_a`], c: cardId, v: map.version, x: map[`btn${slot}_x`] }
    const res = await fetch(`${server.url}/webhooks/dingtalk/cards`, {
      method: 'POST',
      headers: await signedHeaders(fake.clientSecret),
      body: JSON.stringify(cardClick(cardId, params, { userId, actionIds: [`btn${slot}`] })),
    })
    const answer = (await res.json()) as { cardData?: { cardParamMap: Record<string, string> } }
    await settle()
    return { status: res.status, map: answer.cardData?.cardParamMap ?? {} }
  }

  /** Everything sent to one person through the robot one-to-one API, oldest first. */
  function sentTo(userId: string): Sent[] {
    return fake.callsTo('POST /v1.0/robot/oToMessages/batchSend').flatMap((call) => {
      if (!(call.body.userIds as string[]).includes(userId)) return []
      const param = JSON.parse(String(call.body.msgParam)) as { content?: string; text?: string }
      return [{ msgKey: String(call.body.msgKey), text: param.content ?? param.text ?? '' }]
    })
  }

  /** The texts sent to a person after the first `from` messages. */
  const textsTo = (userId: string, from = 0) =>
    sentTo(userId)
      .slice(from)
      .map((m) => m.text)

  /** Our latest card of a template for a person (the newest SentCard row). */
  const latestCard = (template: string, userId: string) =>
    waitFor(
      () =>
        server.deps.db.sentCard.findFirst({
          where: { template, OR: [{ userId }, { chatId: `user:${userId}` }] },
          orderBy: { createdAt: 'desc' },
        }),
      5000,
      `${template} for ${userId}`,
    ) as Promise<{ id: string; version: number; model: string }>

  return { say, click, settle, sentTo, textsTo, latestCard }
}
