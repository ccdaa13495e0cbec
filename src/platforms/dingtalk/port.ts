// The DingTalk side of the outbox (PlatformPort). Text answers go through the message's sessionWebhook while it is
// valid; everything else through the open API: robot group / one-to-one messages, and interactive cards by
// createAndDeliver (outTrackId = our card id) and PUT /v1.0/card/instances for in-place updates.
// Routing: address.userId or a `user:` chat id (decode.ts) → the person's chat with the robot; else the group.
import type { Address } from '../../bot/types.ts'
import type { CardModel } from '../../cards/model.ts'
import type { Logger } from '../../log.ts'
import type { DeliveryResult, OutboxImage, OutboxMessage, PlatformPort, RateLimits } from '../../outbox/port.ts'
import type { ApiResult, DingtalkApi } from './api.ts'
import { USER_CHAT_PREFIX } from './decode.ts'
import { type RobotMessage, renderCardParamMap, renderFallback, textMessage } from './render.ts'

/** A robot may send 20 messages a minute to one group (more throttles it for 10 min); the rest are conservative. */
export const DINGTALK_LIMITS: RateLimits = { perTargetPerSecond: 5, perTargetPerMinute: 20, perAppPerSecond: 20 }
/** batchSend takes at most 20 userIds per call. */
export const BATCH_USERS = 20
/** The media upload takes images up to 20 MB (docs/protocols.md §DingTalk robot images). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024
/** Do not start a sessionWebhook call this close to its expiry. */
const WEBHOOK_MARGIN_MS = 10_000

export interface DingtalkPortOptions {
  api: DingtalkApi
  robotCode: string
  /** The imported generic card template; without it cards go out as robot messages (render.ts fallback). */
  cardTemplateId?: string
  /** How DingTalk returns card clicks: over the Stream connection or to our HTTP route. */
  callbackType: 'STREAM' | 'HTTP'
  callbackRouteKey?: string
  /** The configured API base: a sessionWebhook may point at its origin too (a private gateway, the test fake). */
  apiBaseUrl: string
  now: () => number
  log: Logger
}

/** The one person an address means, if it is a person (or a person's chat with the robot). */
export function personOf(address: Address): string | undefined {
  if (address.userId) return address.userId
  if (address.chatId?.startsWith(USER_CHAT_PREFIX)) return address.chatId.slice(USER_CHAT_PREFIX.length)
  return undefined
}

const failed = (error: string, retryable = false): DeliveryResult => ({ ok: false, retryable, error })

function fromApi(result: ApiResult & { ok: false }): DeliveryResult {
  return {
    ok: false,
    retryable: result.retryable,
    retryAfterMs: result.retryAfterMs,
    error: `${result.status} ${result.code} ${result.message}`.trim(),
  }
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

export function createDingtalkPort(options: DingtalkPortOptions): PlatformPort {
  const { api, robotCode, log } = options

  function webhookAllowed(url: string): boolean {
    try {
      const u = new URL(url)
      if (u.protocol === 'https:' && (u.hostname === 'dingtalk.com' || u.hostname.endsWith('.dingtalk.com')))
        return true
      return u.origin === new URL(options.apiBaseUrl).origin
    } catch {
      return false
    }
  }

  async function sendToUsers(userIds: string[], msg: RobotMessage): Promise<DeliveryResult> {
    let last: DeliveryResult = failed('no users')
    for (const group of chunk(userIds, BATCH_USERS)) {
      const r = await api.call('POST', '/v1.0/robot/oToMessages/batchSend', {
        robotCode,
        userIds: group,
        msgKey: msg.msgKey,
        msgParam: JSON.stringify(msg.msgParam),
      })
      if (!r.ok) return fromApi(r)
      const throttled = (r.data.flowControlledStaffIdList as string[] | undefined) ?? []
      const invalid = (r.data.invalidStaffIdList as string[] | undefined) ?? []
      if (throttled.length) return { ok: false, retryable: true, retryAfterMs: 60_000, error: 'flow controlled' }
      if (invalid.length === group.length) return failed(`invalid userIds: ${invalid.length}`)
      last = { ok: true, platformMessageId: String(r.data.processQueryKey ?? '') || undefined }
    }
    return last
  }

  async function sendRobot(address: Address, msg: RobotMessage): Promise<DeliveryResult> {
    const person = personOf(address)
    if (person) return sendToUsers([person], msg)
    if (!address.chatId) return failed('address has neither chatId nor userId')
    const r = await api.call('POST', '/v1.0/robot/groupMessages/send', {
      robotCode,
      openConversationId: address.chatId,
      msgKey: msg.msgKey,
      msgParam: JSON.stringify(msg.msgParam),
    })
    if (!r.ok) return fromApi(r)
    return { ok: true, platformMessageId: String(r.data.processQueryKey ?? '') || undefined }
  }

  async function deliverCard(message: OutboxMessage, card: CardModel, templateId: string): Promise<DeliveryResult> {
    const outTrackId = message.card?.id ?? card.id ?? `ob_${message.id}`
    const { cardParamMap, dropped } = renderCardParamMap({ ...card, id: outTrackId })
    if (dropped) log.warn('dingtalk card has more buttons than template slots', { template: card.template, dropped })
    if (message.card?.update) {
      const r = await api.call('PUT', '/v1.0/card/instances', {
        outTrackId,
        cardData: { cardParamMap },
        cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
      })
      return r.ok ? { ok: true, platformMessageId: outTrackId } : fromApi(r)
    }
    const person = personOf(message.address)
    const group = !person
    const target = person ?? message.address.chatId
    if (!target) return failed('address has neither chatId nor userId')
    const r = await api.call('POST', '/v1.0/card/instances/createAndDeliver', {
      cardTemplateId: templateId,
      outTrackId,
      callbackType: options.callbackType,
      ...(options.callbackType === 'HTTP' && options.callbackRouteKey
        ? { callbackRouteKey: options.callbackRouteKey }
        : {}),
      cardData: { cardParamMap },
      userIdType: 1,
      openSpaceId: group ? `dtv1.card//IM_GROUP.${target}` : `dtv1.card//IM_ROBOT.${target}`,
      ...(group
        ? { imGroupOpenSpaceModel: { supportForward: true }, imGroupOpenDeliverModel: { robotCode } }
        : {
            imRobotOpenSpaceModel: { supportForward: true },
            imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode },
          }),
    })
    if (!r.ok) {
      // A retry after a lost response: the card already exists under our id, so it was delivered.
      if (/exist|duplicate/i.test(`${r.code} ${r.message}`)) return { ok: true, platformMessageId: outTrackId }
      return fromApi(r)
    }
    const result = r.data.result as { deliverResults?: { success?: boolean; errorMsg?: string }[] } | undefined
    const miss = result?.deliverResults?.find((d) => d.success === false)
    if (miss) return { ok: false, retryable: true, error: `card not delivered: ${miss.errorMsg ?? 'unknown'}` }
    return { ok: true, platformMessageId: outTrackId }
  }

  async function deliver(message: OutboxMessage): Promise<DeliveryResult> {
    const { body, reply } = message
    if (body.kind === 'card') {
      if (options.cardTemplateId) return deliverCard(message, body.card, options.cardTemplateId)
      // Robot messages cannot change after sending: an update goes out as a new message showing the new state.
      return sendRobot(message.address, renderFallback(body.card))
    }
    const hook = reply?.sessionWebhook
    if (hook && (reply?.sessionWebhookExpiresAt ?? 0) > options.now() + WEBHOOK_MARGIN_MS && webhookAllowed(hook)) {
      const r = await api.postSessionWebhook(hook, { msgtype: 'text', text: { content: body.text } })
      if (r.ok) return { ok: true }
      if (r.retryable) return fromApi(r)
      log.warn('dingtalk sessionWebhook refused, using the open API', { status: r.status, code: r.code })
    }
    return sendRobot(message.address, textMessage(body.text))
  }

  /**
   * An image goes up as media first, then out as a robot message whose photoURL is the media_id. Never through a
   * sessionWebhook, which cannot send images. A retry uploads again: an unused media_id costs nothing.
   */
  async function deliverImage(image: OutboxImage): Promise<DeliveryResult> {
    if (image.png.byteLength > MAX_IMAGE_BYTES) return failed(`image of ${image.png.byteLength} bytes is over 20 MB`)
    const upload = await api.uploadMedia('image', {
      bytes: image.png,
      filename: `image-${image.id}.png`,
      contentType: 'image/png',
    })
    if (!upload.ok) return fromApi(upload)
    return sendRobot(image.address, { msgKey: 'sampleImageMsg', msgParam: { photoURL: upload.data.media_id } })
  }

  return { platform: 'dingtalk', limits: DINGTALK_LIMITS, deliver, deliverImage }
}
