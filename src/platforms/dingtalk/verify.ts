// Checks that a robot callback comes from DingTalk (open.dingtalk.com/document/isvapp/receive-message):
//   1. both headers `timestamp` (ms epoch) and `sign` are present;
//   2. the timestamp is a number within one hour of now (replays of old captures are refused);
//   3. sign == base64(HmacSHA256(key = appSecret, msg = timestamp + "\n" + appSecret)), compared in constant time.
// Pure and Web Crypto only, so the same code runs on Node and Workers; the clock is injectable for tests.

export const MAX_SKEW_MS = 60 * 60 * 1000

export type VerifyResult =
  | { ok: true }
  | { ok: false; reason: 'missing_headers' | 'bad_timestamp' | 'stale' | 'bad_sign' }

export interface VerifyInput {
  timestamp: string | null | undefined
  sign: string | null | undefined
  appSecret: string
  now?: () => number
}

const encoder = new TextEncoder()
const keyCache = new Map<string, Promise<CryptoKey>>()

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret)
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    // One app secret per process in practice; the cap only guards against misuse.
    if (keyCache.size > 8) keyCache.clear()
    keyCache.set(secret, key)
  }
  return key
}

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}

/** base64(HmacSHA256(secret, timestamp + "\n" + secret)): what DingTalk puts in the `sign` header. */
export async function signDingtalk(timestamp: string, appSecret: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(appSecret), encoder.encode(`${timestamp}\n${appSecret}`))
  return toBase64(new Uint8Array(mac))
}

/** Compares two strings without an early exit, so timing does not reveal how much of a forged sign matched. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a)
  const y = encoder.encode(b)
  let diff = x.length ^ y.length
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ (y[i % Math.max(y.length, 1)] ?? 0)
  return diff === 0
}

export async function verifyDingtalkSign(input: VerifyInput): Promise<VerifyResult> {
  const { timestamp, sign, appSecret } = input
  if (!timestamp || !sign) return { ok: false, reason: 'missing_headers' }
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: 'bad_timestamp' }
  const now = input.now ? input.now() : Date.now()
  if (Math.abs(now - Number(timestamp)) > MAX_SKEW_MS) return { ok: false, reason: 'stale' }
  const expected = await signDingtalk(timestamp, appSecret)
  return constantTimeEqual(expected, sign) ? { ok: true } : { ok: false, reason: 'bad_sign' }
}
