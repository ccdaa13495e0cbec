// Builds what Feishu sends, with the documented algorithms implemented independently of src/ (node:crypto):
// encrypt = base64(iv ‖ AES-256-CBC(sha256(encryptKey), iv, json)); signature = hex(sha256(ts + nonce + key + body));
// old-style card callback signature = hex(sha1(ts + nonce + verificationToken + body)).
import { createCipheriv, createHash, randomBytes, randomUUID } from 'node:crypto'
import { FAKE_APP_ID, FAKE_BOT_OPEN_ID } from './server.ts'

export const FAKE_VERIFICATION_TOKEN = 'fake-verification-token'
export const FAKE_ENCRYPT_KEY = 'fake-encrypt-key-0123456789'
export const FAKE_TENANT = 'tenant_fake_1'

export function encryptForFeishu(plain: string, encryptKey = FAKE_ENCRYPT_KEY): string {
  const key = createHash('sha256').update(encryptKey).digest()
  const iv = randomBytes(16)
  const cipher = createCipheriv('aes-256-cbc', key, iv)
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64')
}

export interface SignedBody {
  body: string
  headers: Record<string, string>
}

/** The request Feishu sends for a payload: encrypted and signed when an encrypt key is given. */
export function feishuRequest(
  payload: unknown,
  options: { encryptKey?: string; timestamp?: number; nonce?: string; sign?: boolean } = {},
): SignedBody {
  const encryptKey = options.encryptKey
  const body = JSON.stringify(encryptKey ? { encrypt: encryptForFeishu(JSON.stringify(payload), encryptKey) } : payload)
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (encryptKey && options.sign !== false) {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000))
    const nonce = options.nonce ?? randomUUID()
    headers['x-lark-request-timestamp'] = timestamp
    headers['x-lark-request-nonce'] = nonce
    headers['x-lark-signature'] = createHash('sha256')
      .update(timestamp + nonce + encryptKey + body)
      .digest('hex')
  }
  return { body, headers }
}

/** An old-style card callback: plain body, sha1 signature with the verification token. */
export function legacyCardRequest(payload: unknown, token = FAKE_VERIFICATION_TOKEN): SignedBody {
  const body = JSON.stringify(payload)
  const timestamp = String(Math.floor(Date.now() / 1000))
  const nonce = randomUUID()
  const signature = createHash('sha1')
    .update(timestamp + nonce + token + body)
    .digest('hex')
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signature,
    },
  }
}

const header = (eventType: string, eventId: string, token: string, appId: string) => ({
  event_id: eventId,
  event_type: eventType,
  create_time: String(Date.now()),
  token,
  app_id: appId,
  tenant_key: FAKE_TENANT,
})

export interface MessageOptions {
  eventId?: string
  chatType?: 'p2p' | 'group'
  chatId?: string
  text?: string
  /** Put an @-mention of the bot in front of the text (default: in groups). */
  mentionBot?: boolean
  messageType?: 'text' | 'post'
  senderOpenId?: string
  senderType?: string
  token?: string
  appId?: string
}

export function messageEvent(options: MessageOptions = {}) {
  const chatType = options.chatType ?? 'group'
  const mention = options.mentionBot ?? chatType === 'group'
  const text = options.text ?? '能帮我做什么？'
  const mentions = mention
    ? [
        {
          key: '@_user_1',
          id: { open_id: FAKE_BOT_OPEN_ID, union_id: 'on_bot' },
          name: '质量强企服务助手',
          tenant_key: FAKE_TENANT,
        },
      ]
    : []
  const content =
    options.messageType === 'post'
      ? {
          title: '',
          content: [
            [
              ...(mention ? [{ tag: 'at', user_id: '@_user_1', user_name: '质量强企服务助手' }] : []),
              { tag: 'text', text: ` ${text}` },
            ],
          ],
        }
      : { text: mention ? `@_user_1 ${text}` : text }
  return {
    schema: '2.0',
    header: header(
      'im.message.receive_v1',
      options.eventId ?? randomUUID(),
      options.token ?? FAKE_VERIFICATION_TOKEN,
      options.appId ?? FAKE_APP_ID,
    ),
    event: {
      sender: {
        sender_id: { open_id: options.senderOpenId ?? 'ou_user_1', union_id: 'on_user_1' },
        sender_type: options.senderType ?? 'user',
        tenant_key: FAKE_TENANT,
      },
      message: {
        message_id: `om_in_${randomUUID().slice(0, 8)}`,
        create_time: String(Date.now()),
        chat_id: options.chatId ?? (chatType === 'group' ? 'oc_group_1' : 'oc_p2p_1'),
        chat_type: chatType,
        message_type: options.messageType ?? 'text',
        content: JSON.stringify(content),
        mentions,
      },
    },
  }
}

export function botAddedEvent(chatId = 'oc_group_new', eventId: string = randomUUID()) {
  return {
    schema: '2.0',
    header: header('im.chat.member.bot.added_v1', eventId, FAKE_VERIFICATION_TOKEN, FAKE_APP_ID),
    event: {
      chat_id: chatId,
      operator_id: { open_id: 'ou_user_1' },
      external: false,
      operator_tenant_key: FAKE_TENANT,
      name: '鞋业企业服务群',
    },
  }
}

export function challenge(token = FAKE_VERIFICATION_TOKEN) {
  return { challenge: `challenge-${randomUUID()}`, token, type: 'url_verification' }
}

export interface CardClickOptions {
  value: Record<string, unknown>
  formValue?: Record<string, unknown>
  chatId?: string
  messageId?: string
  operatorOpenId?: string
  eventId?: string
}

export function cardActionEvent(options: CardClickOptions) {
  return {
    schema: '2.0',
    header: header('card.action.trigger', options.eventId ?? randomUUID(), FAKE_VERIFICATION_TOKEN, FAKE_APP_ID),
    event: {
      operator: { tenant_key: FAKE_TENANT, open_id: options.operatorOpenId ?? 'ou_user_1', union_id: 'on_user_1' },
      token: `c-${randomUUID()}`,
      action: { value: options.value, tag: 'button', form_value: options.formValue },
      host: 'im_message',
      context: { open_message_id: options.messageId ?? 'om_fake_1', open_chat_id: options.chatId ?? 'oc_group_1' },
    },
  }
}

export function legacyCardAction(options: CardClickOptions) {
  return {
    open_id: options.operatorOpenId ?? 'ou_user_1',
    tenant_key: FAKE_TENANT,
    open_message_id: options.messageId ?? 'om_fake_1',
    open_chat_id: options.chatId ?? 'oc_group_1',
    token: `c-${randomUUID()}`,
    action: { value: options.value, tag: 'button' },
  }
}
