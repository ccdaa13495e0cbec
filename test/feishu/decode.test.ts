import { describe, expect, it } from 'vitest'
import { type Decoded, decodeEnvelope, readEnvelope } from '../../src/platforms/feishu/decode.ts'
import { botAddedEvent, cardActionEvent, challenge, legacyCardAction, messageEvent } from '../fakes/feishu/events.ts'
import { FAKE_BOT_OPEN_ID } from '../fakes/feishu/server.ts'

const now = new Date('2026-11-26T08:00:00Z')
function decode(payload: unknown, botOpenId: string | undefined = FAKE_BOT_OPEN_ID): Decoded {
  const envelope = readEnvelope(payload)
  if (!envelope || envelope.type === 'challenge') throw new Error(`not an event: ${envelope?.type}`)
  return decodeEnvelope(envelope, { botOpenId, now })
}

describe('Feishu decode', () => {
  it('reads url_verification', () => {
    const body = challenge()
    expect(readEnvelope(body)).toEqual({ type: 'challenge', challenge: body.challenge, token: body.token })
  })

  it('decodes a group text message that @-mentions the bot, stripping the mention', () => {
    const decoded = decode(messageEvent({ eventId: 'ev1', text: '质量贷怎么申请？' }))
    expect(decoded).toMatchObject({
      kind: 'event',
      event: {
        kind: 'message',
        eventId: 'ev1',
        platform: 'feishu',
        chat: { chatId: 'oc_group_1', chatType: 'group' },
        sender: { userId: 'ou_user_1', tenantKey: 'tenant_fake_1' },
        text: '质量贷怎么申请？',
        reply: { messageId: expect.stringMatching(/^om_in_/) },
      },
    })
  })

  it('ignores group messages without a bot mention, and mentions of someone else', () => {
    expect(decode(messageEvent({ mentionBot: false }))).toMatchObject({ kind: 'ignored', reason: 'not_mentioned' })
    expect(decode(messageEvent(), 'ou_someone_else')).toMatchObject({ kind: 'ignored', reason: 'not_mentioned' })
  })

  it('without a known bot id, any mention in a group counts (the platform only pushes @bot messages)', () => {
    expect(decode(messageEvent({ text: '你好' }), undefined)).toMatchObject({ kind: 'event', event: { text: '你好' } })
  })

  it('decodes p2p text and group post messages', () => {
    expect(decode(messageEvent({ chatType: 'p2p', text: '帮助' }))).toMatchObject({
      event: { chat: { chatType: 'p2p', chatId: 'oc_p2p_1' }, text: '帮助' },
    })
    expect(decode(messageEvent({ messageType: 'post', text: '标准贷' }))).toMatchObject({ event: { text: '标准贷' } })
  })

  it('decodes locale-wrapped post content and keeps other people’s mentions readable', () => {
    const event = messageEvent({ messageType: 'post' }) as ReturnType<typeof messageEvent>
    event.event.message.content = JSON.stringify({
      zh_cn: {
        title: '咨询',
        content: [
          [
            { tag: 'at', user_id: '@_user_1' },
            { tag: 'text', text: ' 请' },
            { tag: 'at', user_id: '@_user_2', user_name: '张三' },
            { tag: 'text', text: ' 看看' },
          ],
        ],
      },
    })
    event.event.message.mentions.push({
      key: '@_user_2',
      id: { open_id: 'ou_zs', union_id: 'on_zs' },
      name: '张三',
      tenant_key: 't',
    })
    expect(decode(event)).toMatchObject({ event: { text: '咨询\n请@张三 看看' } })
  })

  it('ignores messages from bots and unsupported message types', () => {
    expect(decode(messageEvent({ senderType: 'app' }))).toMatchObject({ kind: 'ignored', reason: 'not_from_user' })
    const image = messageEvent({ chatType: 'p2p' })
    ;(image.event.message as { message_type: string }).message_type = 'image'
    expect(decode(image)).toMatchObject({ kind: 'ignored' })
  })

  it('decodes bot added to a chat', () => {
    expect(decode(botAddedEvent('oc_new', 'ev2'))).toMatchObject({
      kind: 'event',
      event: { kind: 'bot_added', eventId: 'ev2', chat: { chatId: 'oc_new', chatType: 'group' } },
    })
  })

  it('decodes card.action.trigger into a neutral card action with operator, version, form and update token', () => {
    const payload = cardActionEvent({
      value: { a: 'ticket.submit', c: 'card_9', v: 2, ticket: 7 },
      formValue: { company: '某公司', tags: ['a', 'b'] },
    })
    const decoded = decode(payload)
    expect(decoded).toMatchObject({
      kind: 'card',
      style: 'v2',
      event: {
        kind: 'card_action',
        eventId: payload.header.event_id,
        operator: { platform: 'feishu', userId: 'ou_user_1', tenantKey: 'tenant_fake_1' },
        chat: { chatId: 'oc_group_1' },
        cardId: 'card_9',
        cardVersion: 2,
        action: 'ticket.submit',
        value: { ticket: 7 },
        form: { company: '某公司', tags: 'a,b' },
        updateToken: payload.event.token,
      },
    })
  })

  it('ignores buttons that are not ours and decodes the old-style callback', () => {
    expect(decode(cardActionEvent({ value: { foo: 1 } }))).toMatchObject({ kind: 'ignored', reason: 'foreign_button' })
    expect(decode(legacyCardAction({ value: { a: 'help.show', c: 'card_1', v: 1 } }))).toMatchObject({
      kind: 'card',
      style: 'legacy',
      event: { action: 'help.show', cardId: 'card_1', operator: { userId: 'ou_user_1' } },
    })
  })

  it('decodes the v1 envelope (message with is_mention, add_bot) and skips unknown types', () => {
    const v1 = (event: Record<string, unknown>) => ({ uuid: 'u1', token: 'vt', ts: '1', type: 'event_callback', event })
    const message = {
      type: 'message',
      open_chat_id: 'oc_1',
      chat_type: 'group',
      msg_type: 'text',
      open_id: 'ou_1',
      open_message_id: 'om_1',
      is_mention: true,
      text: '@bot 你好',
      text_without_at_bot: ' 你好',
    }
    expect(decode(v1(message))).toMatchObject({
      kind: 'event',
      event: { eventId: 'u1', text: '你好', reply: { messageId: 'om_1' } },
    })
    expect(decode(v1({ ...message, is_mention: false }))).toMatchObject({ kind: 'ignored' })
    expect(decode(v1({ type: 'add_bot', open_chat_id: 'oc_2' }))).toMatchObject({
      event: { kind: 'bot_added', chat: { chatId: 'oc_2' } },
    })
    expect(decode(v1({ type: 'user_add' }))).toMatchObject({ kind: 'ignored' })
  })

  it('does not recognise garbage', () => {
    expect(readEnvelope({ hello: 'world' })).toBeUndefined()
    expect(readEnvelope({ schema: '2.0', header: {} })).toBeUndefined()
  })
})
