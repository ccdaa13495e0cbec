import { describe, expect, it } from 'vitest'
import { decodeCardCallback, decodeRobotMessage } from '../../src/platforms/dingtalk/decode.ts'
import { cardClick, robotText } from './fixtures.ts'

const now = new Date('2026-11-26T08:00:00+08:00')

describe('decodeRobotMessage', () => {
  it('turns a group text message into a neutral message event', () => {
    const body = robotText({
      msgId: 'msgA',
      sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=a',
      sessionWebhookExpiredTime: 1,
    })
    const result = decodeRobotMessage(body, now)
    expect(result.kind).toBe('event')
    if (result.kind !== 'event') return
    expect(result.event).toMatchObject({
      kind: 'message',
      eventId: 'msgA',
      platform: 'dingtalk',
      chat: { platform: 'dingtalk', chatId: 'cidGroup001==', chatType: 'group' },
      sender: { platform: 'dingtalk', userId: 'user123', name: '张经理', tenantKey: 'dingcorp001' },
      text: '质量贷怎么申请？',
      reply: { sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=a', sessionWebhookExpiresAt: 1 },
    })
  })

  it('gives a single chat the person as its chat id, so replies can reach them after the webhook expires', () => {
    const result = decodeRobotMessage(robotText({ conversationType: '1', conversationId: 'cidP2P==' }), now)
    expect(result.kind === 'event' && result.event.chat).toEqual({
      platform: 'dingtalk',
      chatId: 'user:user123',
      chatType: 'p2p',
    })
  })

  it('falls back to chatbotCorpId and senderId when the sender is outside the corp', () => {
    const body = robotText({ senderStaffId: undefined, senderCorpId: undefined })
    const result = decodeRobotMessage(body, now)
    expect(result.kind === 'event' && result.event.sender).toMatchObject({
      userId: '$:LWCP_v1:$abc',
      tenantKey: 'dingcorp001',
    })
  })

  it('ignores non-text messages and rejects malformed ones', () => {
    expect(decodeRobotMessage(robotText({ msgtype: 'picture', text: undefined }), now).kind).toBe('ignored')
    expect(decodeRobotMessage(robotText({ conversationType: 2 }), now).kind).toBe('invalid')
    expect(decodeRobotMessage({ hello: 'world' }, now).kind).toBe('invalid')
    expect(decodeRobotMessage('garbage', now).kind).toBe('invalid')
  })
})

describe('decodeCardCallback', () => {
  it('reads action, card id, version and value from the button params', () => {
    const body = cardClick('crd_1', { a: 'ticket.approve', c: 'crd_1', v: '3', ticketId: '12', x: '{"step":2}' })
    const result = decodeCardCallback(body, now)
    expect(result.kind).toBe('event')
    if (result.kind !== 'event') return
    expect(result.event).toMatchObject({
      kind: 'card_action',
      platform: 'dingtalk',
      operator: { platform: 'dingtalk', userId: 'user123', tenantKey: 'dingcorp001' },
      cardId: 'crd_1',
      cardVersion: 3,
      action: 'ticket.approve',
      value: { ticketId: '12', step: 2 },
    })
  })

  it('uses the same event id for the same person, button and card version (a double click is one decision)', () => {
    const params = { a: 'ticket.approve', c: 'crd_1', v: 1 }
    const first = decodeCardCallback(cardClick('crd_1', params), now)
    const again = decodeCardCallback(cardClick('crd_1', params), now)
    const other = decodeCardCallback(cardClick('crd_1', params, { userId: 'user999' }), now)
    const id = (r: typeof first) => (r.kind === 'event' ? r.event.eventId : '')
    expect(id(first)).toBe(id(again))
    expect(id(first)).not.toBe(id(other))
  })

  it('reads `content` when `value` is absent, and refuses a button that names another card', () => {
    const body = cardClick('crd_2', { a: 'help.show' })
    const noValue = decodeCardCallback({ ...body, value: undefined }, now)
    expect(noValue.kind === 'event' && noValue.event.action).toBe('help.show')
    expect(decodeCardCallback(cardClick('crd_2', { a: 'x', c: 'crd_other' }), now).kind).toBe('invalid')
  })

  it('ignores buttons without an action and rejects garbage', () => {
    expect(decodeCardCallback(cardClick('crd_3', { foo: 'bar' }), now).kind).toBe('ignored')
    expect(decodeCardCallback({ outTrackId: 'crd', userId: 'u', value: '{not json' }, now).kind).toBe('invalid')
    expect(decodeCardCallback({ outTrackId: 'crd' }, now).kind).toBe('invalid')
  })
})
