import { createHash } from 'node:crypto'
import { AESCipher } from '@larksuiteoapi/node-sdk'
import { describe, expect, it } from 'vitest'
import {
  decryptPayload,
  encryptPayload,
  verifyEventSignature,
  verifyLegacyCardSignature,
  verifyToken,
} from '../../src/platforms/feishu/verify.ts'
import { encryptForFeishu, FAKE_ENCRYPT_KEY, feishuRequest, legacyCardRequest } from '../fakes/feishu/events.ts'

const now = () => new Date()
const headersOf = (h: Record<string, string>, rawBody: string) => ({
  timestamp: h['x-lark-request-timestamp'],
  nonce: h['x-lark-request-nonce'],
  signature: h['x-lark-signature'],
  rawBody,
})

describe('Feishu crypto (Web Crypto)', () => {
  const plain = JSON.stringify({ schema: '2.0', text: '质量强企 ✓' })

  it('decrypts what the documented algorithm encrypts, and agrees with the SDK AESCipher', async () => {
    const encrypted = encryptForFeishu(plain)
    expect(await decryptPayload(encrypted, FAKE_ENCRYPT_KEY)).toBe(plain)
    expect(new AESCipher(FAKE_ENCRYPT_KEY).decrypt(encrypted)).toBe(plain)
    const ours = await encryptPayload(plain, FAKE_ENCRYPT_KEY)
    expect(new AESCipher(FAKE_ENCRYPT_KEY).decrypt(ours)).toBe(plain)
  })

  it('refuses garbage and a wrong key', async () => {
    await expect(decryptPayload('not base64 at all', FAKE_ENCRYPT_KEY)).rejects.toThrow()
    await expect(decryptPayload(Buffer.alloc(20).toString('base64'), FAKE_ENCRYPT_KEY)).rejects.toThrow()
    await expect(decryptPayload(encryptForFeishu(plain), 'another-key')).rejects.toThrow()
  })

  it('checks the signature over the raw body, so a pretty-printed body signs correctly', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000))
    const rawBody = JSON.stringify({ encrypt: encryptForFeishu(plain) }, null, 2)
    const signature = createHash('sha256').update(`${timestamp}n1${FAKE_ENCRYPT_KEY}${rawBody}`).digest('hex')
    expect(
      await verifyEventSignature({ timestamp, nonce: 'n1', signature, rawBody }, FAKE_ENCRYPT_KEY, { now }),
    ).toEqual({ ok: true })
    const tampered = `${rawBody} `
    expect(
      await verifyEventSignature({ timestamp, nonce: 'n1', signature, rawBody: tampered }, FAKE_ENCRYPT_KEY, { now }),
    ).toEqual({ ok: false, reason: 'invalid_signature' })
  })

  it('refuses missing headers, stale and future timestamps (injectable clock)', async () => {
    const { body, headers } = feishuRequest({ a: 1 }, { encryptKey: FAKE_ENCRYPT_KEY, timestamp: 1_700_000_000 })
    const request = headersOf(headers, body)
    const at = (seconds: number) => () => new Date(seconds * 1000)
    expect(await verifyEventSignature(request, FAKE_ENCRYPT_KEY, { now: at(1_700_000_060) })).toEqual({ ok: true })
    expect(
      await verifyEventSignature(request, FAKE_ENCRYPT_KEY, { now: at(1_700_000_060), maxAgeSeconds: 30 }),
    ).toEqual({ ok: false, reason: 'stale_request' })
    expect(await verifyEventSignature(request, FAKE_ENCRYPT_KEY, { now: at(1_699_999_000) })).toEqual({
      ok: false,
      reason: 'stale_request',
    })
    expect(await verifyEventSignature({ ...request, nonce: undefined }, FAKE_ENCRYPT_KEY, { now })).toEqual({
      ok: false,
      reason: 'missing_signature',
    })
    expect(await verifyEventSignature(request, 'wrong-key', { now: at(1_700_000_060) })).toEqual({
      ok: false,
      reason: 'invalid_signature',
    })
  })

  it('checks the old-style card signature sha1(ts + nonce + token + body)', async () => {
    const { body, headers } = legacyCardRequest({ open_id: 'ou_1' }, 'vt')
    expect(await verifyLegacyCardSignature(headersOf(headers, body), 'vt', { now })).toEqual({ ok: true })
    expect(await verifyLegacyCardSignature(headersOf(headers, body), 'other', { now })).toEqual({
      ok: false,
      reason: 'invalid_signature',
    })
  })

  it('compares tokens (src/security/constant-time.ts) and refuses non-strings', () => {
    expect(verifyToken('vt', 'vt')).toEqual({ ok: true })
    expect(verifyToken(undefined, 'vt')).toEqual({ ok: false, reason: 'invalid_token' })
    expect(verifyToken(42, 'vt')).toEqual({ ok: false, reason: 'invalid_token' })
  })
})
