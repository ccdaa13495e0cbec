// Feishu request authentication, as pure functions that run on Node and on Workers (nodejs_compat): digests with
// node:crypto's createHash, synchronous and several times cheaper per request than Web Crypto's job dispatch (it
// showed as a fifth of the acknowledging thread's time under load); AES through Web Crypto.
// Doc: open.larkoffice.com/document/ukTMukTMukTM/uYDNxYjL2QTM24iN0EjN/event-subscription-configure-/encrypt-key-encryption-configuration-case
// Unlike the official Node SDK we sign the RAW body (it re-serialises parsed JSON) and always check the token.
import { Buffer } from 'node:buffer'
import { createDecipheriv, createHash } from 'node:crypto'
import { constantTimeEqual } from '../../security/constant-time.ts'

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

/** Feishu retries a failed delivery for ~7.1 h (15 s, 5 min, 1 h, 6 h). Whether a retry is re-signed with a fresh
 * timestamp is undocumented, so the window covers the whole retry schedule; replays of an old body are caught by
 * the durable event-id de-duplication instead. */
export const DEFAULT_MAX_AGE_SECONDS = 8 * 3600
/** Clock skew we tolerate for timestamps from the future. */
export const MAX_FUTURE_SECONDS = 300

export type VerifyResult = { ok: true } | { ok: false; reason: VerifyFailure }
export type VerifyFailure = 'missing_signature' | 'invalid_signature' | 'stale_request' | 'invalid_token'

export async function sha256Hex(text: string): Promise<string> {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

export async function sha1Hex(text: string): Promise<string> {
  return createHash('sha1').update(text, 'utf8').digest('hex')
}

function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

// Deriving the key costs two Web Crypto round trips per request; an app has one Encrypt Key, so keep the result.
const keyCache = new Map<string, Promise<CryptoKey>>()

function aesKey(encryptKey: string, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  const cacheKey = `${usage}:${encryptKey}`
  let key = keyCache.get(cacheKey)
  if (!key) {
    key = crypto.subtle
      .digest('SHA-256', encoder.encode(encryptKey))
      .then((digest) => crypto.subtle.importKey('raw', digest, { name: 'AES-CBC' }, false, [usage]))
    if (keyCache.size > 16) keyCache.clear()
    keyCache.set(cacheKey, key)
  }
  return key
}

/** Decrypts an `encrypt` field: base64(iv[16] ‖ AES-256-CBC(key = SHA-256(encryptKey), PKCS7)). Throws on garbage. */
export async function decryptPayload(encrypted: string, encryptKey: string): Promise<string> {
  const bytes = base64ToBytes(encrypted)
  if (bytes.length < 32 || bytes.length % 16 !== 0) throw new Error('ciphertext has an invalid length')
  const decipher = createDecipheriv('aes-256-cbc', rawKey(encryptKey), bytes.subarray(0, 16))
  const plain = Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()])
  return decoder.decode(plain)
}

const rawKeys = new Map<string, Buffer>()
/** SHA-256 of the Encrypt Key, kept: an app has one. */
function rawKey(encryptKey: string): Buffer {
  let key = rawKeys.get(encryptKey)
  if (!key) {
    key = createHash('sha256').update(encryptKey, 'utf8').digest()
    if (rawKeys.size > 16) rawKeys.clear()
    rawKeys.set(encryptKey, key)
  }
  return key
}

/** The inverse of decryptPayload, for fakes and benchmarks (Feishu does this on its side). */
export async function encryptPayload(plain: string, encryptKey: string, iv?: Uint8Array): Promise<string> {
  const vector = new Uint8Array(16)
  if (iv) vector.set(iv.subarray(0, 16))
  else crypto.getRandomValues(vector)
  const key = await aesKey(encryptKey, 'encrypt')
  const cipher = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-CBC', iv: vector }, key, encoder.encode(plain)),
  )
  const out = new Uint8Array(16 + cipher.length)
  out.set(vector)
  out.set(cipher, 16)
  return bytesToBase64(out)
}

export interface SignedRequest {
  /** X-Lark-Request-Timestamp (seconds). */
  timestamp: string | undefined
  /** X-Lark-Request-Nonce. */
  nonce: string | undefined
  /** X-Lark-Signature. */
  signature: string | undefined
  /** The body exactly as received. */
  rawBody: string
}

export interface VerifyOptions {
  now: () => Date
  maxAgeSeconds?: number
}

function checkTimestamp(timestamp: string, options: VerifyOptions): VerifyResult {
  const seconds = Number(timestamp)
  if (!/^\d{1,12}$/.test(timestamp) || !Number.isFinite(seconds)) return { ok: false, reason: 'stale_request' }
  const age = options.now().getTime() / 1000 - seconds
  if (age > (options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS) || age < -MAX_FUTURE_SECONDS) {
    return { ok: false, reason: 'stale_request' }
  }
  return { ok: true }
}

/**
 * Event and new-style card callback signature, required whenever an Encrypt Key is configured:
 * 1. all three headers are present; 2. the timestamp is within the retry window;
 * 3. hex(sha256(timestamp + nonce + encryptKey + rawBody)) equals X-Lark-Signature (constant time).
 */
export function verifyEventSignature(
  request: SignedRequest,
  encryptKey: string,
  options: VerifyOptions,
): Promise<VerifyResult> {
  return verifyDigest(request, encryptKey, sha256Hex, options)
}

/** Old-style ("消息卡片回传交互（旧）") card callback: hex(sha1(timestamp + nonce + verificationToken + rawBody)). */
export function verifyLegacyCardSignature(
  request: SignedRequest,
  verificationToken: string,
  options: VerifyOptions,
): Promise<VerifyResult> {
  return verifyDigest(request, verificationToken, sha1Hex, options)
}

/** The two schemes differ only in the secret and the hash: headers present, fresh, digest equal (constant time). */
async function verifyDigest(
  request: SignedRequest,
  secret: string,
  digest: (text: string) => Promise<string>,
  options: VerifyOptions,
): Promise<VerifyResult> {
  const { timestamp, nonce, signature, rawBody } = request
  if (!timestamp || !nonce || !signature) return { ok: false, reason: 'missing_signature' }
  const fresh = checkTimestamp(timestamp, options)
  if (!fresh.ok) return fresh
  const expected = await digest(timestamp + nonce + secret + rawBody)
  return constantTimeEqual(expected, signature.toLowerCase())
    ? { ok: true }
    : { ok: false, reason: 'invalid_signature' }
}

/** The Verification Token carried in the payload (v2 `header.token`, v1 and challenge `token`). */
export function verifyToken(received: unknown, verificationToken: string): VerifyResult {
  if (typeof received !== 'string' || !constantTimeEqual(received, verificationToken)) {
    return { ok: false, reason: 'invalid_token' }
  }
  return { ok: true }
}
