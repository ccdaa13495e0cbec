// Recorded-shape DingTalk payloads (docs/protocols.md §DingTalk robot callbacks and §DingTalk interactive cards) and
// a signer for callbacks.
import { signDingtalk } from '../../src/platforms/dingtalk/verify.ts'

let seq = 0

export function robotText(overrides: Record<string, unknown> = {}) {
  seq++
  return {
    msgtype: 'text',
    text: { content: ' 质量贷怎么申请？' },
    msgId: `msgDT${Date.now()}${seq}`,
    createAt: Date.now(),
    conversationType: '2',
    conversationId: 'cidGroup001==',
    conversationTitle: '鞋业企业服务群',
    senderId: '$:LWCP_v1:$abc',
    senderNick: '张经理',
    senderCorpId: 'dingcorp001',
    senderStaffId: 'user123',
    isAdmin: false,
    chatbotCorpId: 'dingcorp001',
    chatbotUserId: '$:LWCP_v1:$bot',
    robotCode: 'dingrobot001',
    isInAtList: true,
    atUsers: [{ dingtalkId: '$:LWCP_v1:$bot' }],
    // No sessionWebhook by default: a real-looking one would point at oapi.dingtalk.com, and tests never call out.
    // Tests that reply through it pass the fake's (`fake.sessionWebhook()`).
    ...overrides,
  }
}

export function cardClick(
  outTrackId: string,
  params: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
) {
  const inner = JSON.stringify({ cardPrivateData: { actionIds: ['btn1'], params } })
  return {
    type: 'actionCallback',
    outTrackId,
    userId: 'user123',
    corpId: 'dingcorp001',
    userIdType: 1,
    spaceType: '',
    spaceId: '',
    extension: '{}',
    content: inner,
    value: inner,
    ...overrides,
  }
}

/** The headers DingTalk puts on a robot callback. */
export async function signedHeaders(secret: string, timestamp = Date.now()) {
  const ts = String(timestamp)
  return { 'content-type': 'application/json', timestamp: ts, sign: await signDingtalk(ts, secret) }
}
