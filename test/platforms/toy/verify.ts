// Toy platform, request verification: `x-toy-signature` is hex HMAC-SHA256(key = token, timestamp + "\n" + raw
// body), `x-toy-timestamp` in seconds, refused when more than 5 minutes off (WeCom-like, invented for the test).
import { createHmac } from 'node:crypto'
import { constantTimeEqual } from '../../../src/security/constant-time.ts'

export const MAX_AGE_SECONDS = 300

export function signToy(token: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', token).update(`${timestamp}\n${rawBody}`).digest('hex')
}

export type Verdict = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' }

export function verifyToy(
  request: { timestamp?: string; signature?: string; rawBody: string },
  token: string,
  now: Date,
): Verdict {
  if (!request.timestamp || !request.signature) return { ok: false, reason: 'missing' }
  if (Math.abs(now.getTime() / 1000 - Number(request.timestamp)) > MAX_AGE_SECONDS)
    return { ok: false, reason: 'stale' }
  return constantTimeEqual(signToy(token, request.timestamp, request.rawBody), request.signature)
    ? { ok: true }
    : { ok: false, reason: 'mismatch' }
}
