// The robot HTTP callback end to end: real server + SQLite + fake DingTalk.
import { beforeEach, describe, expect, it } from 'vitest'
import { GROUP_SEND } from '../fakes/dingtalk/server.ts'
import { installEcho, withDingtalk } from '../helpers/dingtalk.ts'
import { waitFor } from '../helpers/server.ts'
import { robotText, signedHeaders } from './fixtures.ts'

const dingtalk = withDingtalk()
beforeEach(() => installEcho(dingtalk.server.deps))

const post = async (body: unknown, headers?: Record<string, string>) =>
  fetch(`${dingtalk.server.url}/webhooks/dingtalk/robot`, {
    method: 'POST',
    headers: headers ?? (await signedHeaders(dingtalk.fake.clientSecret)),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

const webhookCalls = () => dingtalk.fake.calls.filter((c) => c.path === '/robot/sendBySession')

describe('POST /webhooks/dingtalk/robot', () => {
  it('acknowledges a signed message and replies through the sessionWebhook', async () => {
    const hook = dingtalk.fake.sessionWebhook('s-1')
    const res = await post(
      robotText({
        text: { content: ' echo 你好' },
        sessionWebhook: hook.url,
        sessionWebhookExpiredTime: hook.expiresAt,
      }),
    )
    expect(res.status).toBe(200)
    const call = await waitFor(() => webhookCalls()[0], 5000, 'a reply')
    expect(call?.query.session).toBe('s-1')
    expect(call?.body).toMatchObject({ msgtype: 'text', text: { content: expect.stringContaining('收到：echo') } })
  })

  it('answers the same msgId once, however often DingTalk delivers it', async () => {
    const hook = dingtalk.fake.sessionWebhook()
    const body = robotText({
      msgId: 'msg-dup-1',
      text: { content: 'echo 1' },
      sessionWebhook: hook.url,
      sessionWebhookExpiredTime: hook.expiresAt,
    })
    const first = await post(body)
    const second = await post(body)
    expect([first.status, second.status]).toEqual([200, 200])
    await waitFor(() => webhookCalls().length === 1, 5000, 'one reply')
    await dingtalk.server.idle()
    expect(webhookCalls()).toHaveLength(1)
    expect(await dingtalk.server.deps.db.inboundEvent.count()).toBe(1)
  })

  it('refuses a bad sign, a stale timestamp, missing headers and garbage, with no side effect', async () => {
    const body = robotText()
    const wrong = await post(body, await signedHeaders('not-the-secret'))
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toMatchObject({ error: 'invalid_signature', reason: 'bad_sign' })
    const stale = await post(body, await signedHeaders(dingtalk.fake.clientSecret, Date.now() - 2 * 60 * 60_000))
    expect(stale.status).toBe(401)
    expect(await stale.json()).toMatchObject({ error: 'stale_request', reason: 'stale' })
    const unsigned = await post(body, { 'content-type': 'application/json' })
    expect(unsigned.status).toBe(401)
    expect((await post('{"msgtype": "text", oops')).status).toBe(400)
    expect((await post({ msgtype: 'text', text: { content: 'hi' } })).status).toBe(400)
    await dingtalk.server.idle()
    expect(await dingtalk.server.deps.db.inboundEvent.count()).toBe(0)
    expect(await dingtalk.server.deps.db.outbox.count()).toBe(0)
    expect(dingtalk.fake.calls).toHaveLength(0)
  })

  it('replies in a single chat through the one-to-one API once the sessionWebhook has expired', async () => {
    const body = robotText({
      text: { content: 'echo' },
      conversationType: '1',
      conversationId: 'cidP2P==',
      sessionWebhookExpiredTime: Date.now() - 1000,
    })
    expect((await post(body)).status).toBe(200)
    const call = await waitFor(() => dingtalk.fake.callsTo('POST /v1.0/robot/oToMessages/batchSend')[0])
    expect(call?.token).toMatch(/^tok-/)
    expect(call?.body).toMatchObject({ robotCode: 'dingrobot001', userIds: ['user123'], msgKey: 'sampleText' })
    expect(JSON.parse(String(call?.body.msgParam))).toMatchObject({ content: expect.stringContaining('收到：echo') })
  })

  it('sends cards as robot messages when no card template is configured, and retries after flow control', async () => {
    dingtalk.fake.failNext(
      1,
      {
        status: 429,
        body: { code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', message: 'flow control' },
        headers: { 'retry-after': '0' },
      },
      GROUP_SEND,
    )
    expect((await post(robotText({ text: { content: ' 帮助' } }))).status).toBe(200)
    await waitFor(
      () => dingtalk.fake.callsTo('POST /v1.0/robot/groupMessages/send').length === 1,
      5000,
      'first attempt',
    )
    await dingtalk.server.idle()
    const row = await dingtalk.server.deps.db.outbox.findFirstOrThrow()
    expect(row).toMatchObject({ status: 'pending', attempts: 1 })
    // The dispatcher backs off (~2 s) and wakes itself up when the row is due (the minute sweep would too);
    // draining here as well only makes the wait shorter.
    await waitFor(
      async () => {
        await dingtalk.server.deps.outbox.drain()
        return dingtalk.fake.callsTo('POST /v1.0/robot/groupMessages/send').length === 2
      },
      8000,
      'redelivery',
    )
    const sends = dingtalk.fake.callsTo('POST /v1.0/robot/groupMessages/send')
    expect(sends).toHaveLength(2)
    expect(sends[1]?.body).toMatchObject({ openConversationId: 'cidGroup001==', msgKey: 'sampleMarkdown' })
    const param = JSON.parse(String(sends[1]?.body.msgParam)) as { title: string; text: string }
    expect(param.text).toContain('回复对应的数字')
    expect(await dingtalk.server.deps.db.outbox.findFirstOrThrow()).toMatchObject({ status: 'sent' })
  }, 15_000)
  it('in a group, a bare number presses that button of the group’s latest card unless the sender’s flow wants it', async () => {
    const groupTexts = () =>
      dingtalk.fake
        .callsTo('POST /v1.0/robot/groupMessages/send')
        .map((c) => JSON.parse(String(c.body.msgParam)) as { content?: string; text?: string })
        .map((p) => p.content ?? p.text ?? '')
    const say = async (content: string, senderStaffId: string) => {
      expect((await post(robotText({ text: { content }, senderStaffId }))).status).toBe(200)
      await dingtalk.server.idle()
      await dingtalk.server.deps.outbox.drain()
    }
    await say(' 帮助', 'user123')
    await waitFor(() => groupTexts()[0], 5000, 'the help card')
    expect(groupTexts()[0]).toContain('- 回复 **1**：申请一站式服务')
    await say(' 1', 'user123')
    await waitFor(() => groupTexts().some((t) => t.includes('请回复序号')), 5000, 'the category question')
    // user123 is now asked for a category number: their “4” answers it; user456 has no flow, so “2” is a button.
    await say(' 4', 'user123')
    await waitFor(() => groupTexts().some((t) => t.includes('已选择“检验检测”')), 5000, 'the category answer')
    await say(' 2', 'user456')
    const kinds = await dingtalk.server.deps.db.inboundEvent.findMany({
      orderBy: { id: 'asc' },
      select: { kind: true },
    })
    expect(kinds.map((k) => k.kind)).toEqual(['message', 'card_action', 'message', 'card_action'])
    const last = await dingtalk.server.deps.db.inboundEvent.findFirstOrThrow({ orderBy: { id: 'desc' } })
    expect(JSON.parse(last.payload)).toMatchObject({ action: 'ticket.mine', operator: { userId: 'user456' } })
  })
})
