// The one constant-time string compare: webhook signatures and tokens (src/platforms/*/verify.ts) and one-time code
// hashes (src/features/enterprises/one-time-code.ts). Plain JavaScript over UTF-8 bytes, so it runs the same on Node
// and on Workers and needs neither node:crypto's timingSafeEqual (which throws on unequal lengths) nor Buffer.

const encoder = new TextEncoder()

/**
 * Compares two strings without an early exit, so the time taken does not reveal how much of a forged signature,
 * token or hash matched. Lengths are not secret here (signatures and digests have a fixed length).
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a)
  const right = encoder.encode(b)
  let diff = left.length ^ right.length
  const length = Math.max(left.length, right.length)
  for (let i = 0; i < length; i++) diff |= (left[i] ?? 0) ^ (right[i] ?? 0)
  return diff === 0
}
