// Checks that a robot callback comes from DingTalk (open.dingtalk.com/document/isvapp/receive-message):
//   1. both headers `timestamp` (ms epoch) and `sign` are present;
//   2. the timestamp is a number within one hour of now (replays of old captures are refused);
//   3. sign == base64(HmacSHA256(key = appSecret, msg = timestamp + "\n" + appSecret)), compared in constant time.
// Pure, on node:crypto's createHmac (on Workers through nodejs_compat): synchronous and cheaper per request than
// Web Crypto's job dispatch. The clock is injectable for tests.
import { createHmac } from 'node:crypto'
import { constantTimeEqual } from '../../security/constant-time.ts'

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

/** base64(HmacSHA256(secret, timestamp + "\n" + secret)): what DingTalk puts in the `sign` header. */
export async function signDingtalk(timestamp: string, appSecret: string): Promise<string> {
  return createHmac('sha256', appSecret).update(`${timestamp}\n${appSecret}`, 'utf8').digest('base64')
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
