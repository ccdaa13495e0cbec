import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { signDingtalk, verifyDingtalkSign } from '../../src/platforms/dingtalk/verify.ts'

const secret = 'SECxyz-app-secret'
const now = 1_700_000_000_000

describe('DingTalk robot callback signature', () => {
  it('matches base64(HmacSHA256(secret, timestamp\\n secret)) computed independently', async () => {
    const ts = String(now)
    const expected = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64')
    expect(await signDingtalk(ts, secret)).toBe(expected)
  })

  it('accepts a correct sign within the hour', async () => {
    const ts = String(now - 59 * 60_000)
    const sign = await signDingtalk(ts, secret)
    expect(await verifyDingtalkSign({ timestamp: ts, sign, appSecret: secret, now: () => now })).toEqual({ ok: true })
  })

  it('refuses missing headers, a non-numeric timestamp, a stale or future timestamp, and a wrong sign', async () => {
    const ts = String(now)
    const sign = await signDingtalk(ts, secret)
    const check = (timestamp: string | undefined, s: string | undefined) =>
      verifyDingtalkSign({ timestamp, sign: s, appSecret: secret, now: () => now })
    expect(await check(undefined, sign)).toEqual({ ok: false, reason: 'missing_headers' })
    expect(await check(ts, undefined)).toEqual({ ok: false, reason: 'missing_headers' })
    expect(await check('12ab', sign)).toEqual({ ok: false, reason: 'bad_timestamp' })
    const old = String(now - 61 * 60_000)
    expect(await check(old, await signDingtalk(old, secret))).toEqual({ ok: false, reason: 'stale' })
    const future = String(now + 61 * 60_000)
    expect(await check(future, await signDingtalk(future, secret))).toEqual({ ok: false, reason: 'stale' })
    expect(await check(ts, await signDingtalk(ts, 'other-secret'))).toEqual({ ok: false, reason: 'bad_sign' })
    expect(await check(ts, `${sign}x`)).toEqual({ ok: false, reason: 'bad_sign' })
  })
})
