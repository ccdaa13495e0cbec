// The two platforms as the crash test sees them from outside: a fake open platform to start, the server's
// environment for it, signed inbound messages to push (again and again, until acknowledged), and what reached the
// chats. Every message goes to its own answer key (Feishu: the inbound message id the reply references; DingTalk:
// a group of its own, since robot sends name only the group), so each answer is tied to exactly one event.

import { DINGTALK_LIMITS } from '../../src/platforms/dingtalk/port.ts'
import { FEISHU_LIMITS } from '../../src/platforms/feishu/port.ts'
import { robotText, signedHeaders } from '../dingtalk/fixtures.ts'
import { type FakeDingtalk, MESSAGE_CALLS, startFakeDingtalk } from '../fakes/dingtalk/server.ts'
import { FAKE_ENCRYPT_KEY, FAKE_VERIFICATION_TOKEN, feishuRequest, messageEvent } from '../fakes/feishu/events.ts'
import { FAKE_APP_ID, FAKE_APP_SECRET, type FakeFeishu, startFakeFeishu } from '../fakes/feishu/server.ts'

export type PlatformName = 'feishu' | 'dingtalk'

const STALL_MS = 30_000

/** The question every event asks: the bot answers it with one message (the 质量贷 eligibility card). */
export const QUESTION = '质量贷的申请条件是什么'

export interface InboundMessage {
  eventId: string
  /** The key its answer is found under (see deliveries()). */
  answerKey: string
  /** POSTs it (signed afresh, same event id) to the server; resolves with the HTTP status, rejects on no answer. */
  push(serverUrl: string, signal: AbortSignal): Promise<number>
}

/** One call the fake received that carries a message to a chat. */
export interface Delivery {
  at: number
  /** The answer key it belongs to (undefined: it names no event of ours). */
  key?: string
  /** It put a message in the chat (Feishu: a new uuid; DingTalk: any accepted send). */
  shown: boolean
  fault?: 'failed' | 'reset' | 'lost' | 'stalled'
  /** The platform shows a repeated send of the same outbox row once (see FaultPlatform.idempotentSends). */
  idempotent: boolean
}

/** `stall`: the platform holds the call, posting nothing, and answers 504 after 30 s (or never, to a killed caller). */
export type FaultKind = 'server_error' | 'rate_limited' | 'lost_answer' | 'reset' | 'stall'

export interface FaultPlatform {
  /** feishu, dingtalk, or both (feishu+dingtalk: one server with both on, messages alternating). */
  name: string
  /** The app-wide send limit the bot's port declares (messages per second). */
  limitPerSecond: number
  /**
   * Whether a repeated send of the same outbox row is shown once (Feishu de-duplicates a uuid for an hour). Where
   * it is not (DingTalk robot sends have no idempotency key), an answer lost after delivery is shown twice.
   */
  idempotentSends: boolean
  env(): Record<string, string>
  message(n: number, tag: string): InboundMessage
  /** Every call that carried (or tried to carry) a message, in arrival order. */
  deliveries(): Delivery[]
  /** From now on the `index`-th message call fails as `plan` says (undefined: it goes through). */
  setFaults(plan?: (index: number) => FaultKind | undefined): void
  offline(ms: number): Promise<void>
  close(): Promise<void>
}

const post = async (url: string, body: string, headers: Record<string, string>, signal: AbortSignal) => {
  const res = await fetch(url, { method: 'POST', headers, body, signal })
  await res.arrayBuffer()
  return res.status
}

async function feishu(): Promise<FaultPlatform> {
  const fake: FakeFeishu = await startFakeFeishu()
  const replyPath = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/
  return {
    name: 'feishu',
    limitPerSecond: FEISHU_LIMITS.perAppPerSecond,
    idempotentSends: true,
    env: () => ({
      FEISHU_APP_ID: FAKE_APP_ID,
      FEISHU_APP_SECRET: FAKE_APP_SECRET,
      FEISHU_VERIFICATION_TOKEN: FAKE_VERIFICATION_TOKEN,
      FEISHU_ENCRYPT_KEY: FAKE_ENCRYPT_KEY,
      FEISHU_BASE_URL: fake.url,
    }),
    message(n, tag) {
      // A few group chats and people; the reply names the inbound message, so chats may be shared.
      const event = messageEvent({
        eventId: `crash-${tag}-${n}`,
        chatId: `oc_crash_${n % 20}`,
        senderOpenId: `ou_crash_${n % 7}`,
        text: QUESTION,
      })
      return {
        eventId: event.header.event_id,
        answerKey: event.event.message.message_id,
        push(serverUrl, signal) {
          // Feishu re-pushes the same event (same event_id), encrypted and signed anew.
          const { body, headers } = feishuRequest(event, { encryptKey: FAKE_ENCRYPT_KEY })
          return post(`${serverUrl}/webhooks/feishu/events`, body, headers, signal)
        },
      }
    },
    deliveries: () =>
      fake.calls
        .filter((c) => c.path.startsWith('/open-apis/im/v1/messages'))
        .map((c) => ({
          at: c.at!,
          key: replyPath.exec(c.path)?.[1],
          shown: c.posted === true,
          fault: c.fault,
          idempotent: true,
        })),
    setFaults(plan) {
      fake.setFaultPlan(
        plan &&
          ((index) => {
            switch (plan(index)) {
              case 'server_error':
                return { status: 500, code: 1, msg: 'internal error' }
              case 'rate_limited':
                return {
                  status: 429,
                  code: 99991400,
                  msg: 'request trigger frequency limit',
                  headers: { 'x-ogw-ratelimit-reset': '1' },
                }
              case 'lost_answer':
                // Posted, then the answer is lost: alternately a 500 and a dropped connection.
                return { status: 500, code: 1, msg: 'internal error', delivered: true, reset: index % 2 === 0 }
              case 'reset':
                return { status: 0, code: 0, reset: true }
              case 'stall':
                return { status: 504, code: 1, msg: 'gateway timeout', stallMs: STALL_MS }
              default:
                return undefined
            }
          }),
      )
    },
    offline: (ms) => fake.offline(ms),
    close: () => fake.close(),
  }
}

async function dingtalk(): Promise<FaultPlatform> {
  const fake: FakeDingtalk = await startFakeDingtalk()
  return {
    name: 'dingtalk',
    limitPerSecond: DINGTALK_LIMITS.perAppPerSecond,
    idempotentSends: false,
    env: () => ({
      DINGTALK_CLIENT_ID: fake.clientId,
      DINGTALK_CLIENT_SECRET: fake.clientSecret,
      DINGTALK_ROBOT_CODE: 'dingrobot001',
      DINGTALK_API_BASE_URL: fake.url,
    }),
    message(n, tag) {
      // A group per message (a robot send names only the group, and a group takes 20 robot messages a minute).
      const conversationId = `cidCrash-${tag}-${n}==`
      const body = JSON.stringify(
        robotText({
          msgId: `crash-${tag}-${n}`,
          conversationId,
          senderStaffId: `user${n % 7}`,
          text: { content: ` ${QUESTION}` },
        }),
      )
      return {
        eventId: `crash-${tag}-${n}`,
        answerKey: conversationId,
        async push(serverUrl, signal) {
          return post(`${serverUrl}/webhooks/dingtalk/robot`, body, await signedHeaders(fake.clientSecret), signal)
        },
      }
    },
    deliveries: () =>
      fake.calls
        .filter((c) => MESSAGE_CALLS.has(`${c.method} ${c.path}`))
        .map((c) => ({
          at: c.at!,
          key: typeof c.body.openConversationId === 'string' ? c.body.openConversationId : undefined,
          shown: c.delivered === true,
          fault: c.fault,
          idempotent: false,
        })),
    setFaults(plan) {
      fake.setFaultPlan(
        plan &&
          ((index) => {
            switch (plan(index)) {
              case 'server_error':
                return { status: 503, body: { code: 'ServiceUnavailable', message: 'service unavailable' } }
              case 'rate_limited':
                // DingTalk's flow control for an app calling one API too often.
                return {
                  status: 429,
                  body: { code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', message: 'flow control' },
                  headers: { 'retry-after': '1' },
                }
              case 'lost_answer':
                return {
                  status: 500,
                  body: { code: 'InternalError', message: 'internal error' },
                  delivered: true,
                  reset: index % 2 === 0,
                }
              case 'reset':
                return { status: 0, body: {}, reset: true }
              case 'stall':
                return { status: 504, body: { code: 'GatewayTimeout', message: 'gateway timeout' }, stallMs: STALL_MS }
              default:
                return undefined
            }
          }),
      )
    },
    offline: (ms) => fake.offline(ms),
    close: () => fake.close(),
  }
}

/** Several platforms on one server: messages go to each in turn; the limit is the lowest. */
function together(platforms: FaultPlatform[]): FaultPlatform {
  if (platforms.length === 1) return platforms[0]!
  return {
    name: platforms.map((p) => p.name).join('+'),
    limitPerSecond: Math.min(...platforms.map((p) => p.limitPerSecond)),
    idempotentSends: platforms.every((p) => p.idempotentSends),
    env: () => Object.assign({}, ...platforms.map((p) => p.env())),
    message: (n, tag) => platforms[n % platforms.length]!.message(n, tag),
    deliveries: () => platforms.flatMap((p) => p.deliveries()).sort((a, b) => a.at - b.at),
    setFaults: (plan) => {
      for (const p of platforms) p.setFaults(plan)
    },
    offline: async (ms) => void (await Promise.all(platforms.map((p) => p.offline(ms)))),
    close: async () => void (await Promise.all(platforms.map((p) => p.close()))),
  }
}

export async function startPlatforms(names: PlatformName[]): Promise<FaultPlatform> {
  return together(await Promise.all(names.map((name) => (name === 'feishu' ? feishu() : dingtalk()))))
}
