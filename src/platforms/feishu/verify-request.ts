// Authenticates one Feishu HTTP request and returns its envelope, or why it is refused. Shared by the events and
// the card-callback routes. Order matters:
// 1. the body must be JSON; 2. an `encrypt` body needs our Encrypt Key; 3. when signature headers are present they
// are checked over the RAW body before anything is decrypted; 4. with an Encrypt Key, every request except a
// url_verification must be signed (the Go SDK skips signatures for challenges, so Feishu may not sign them);
// 5. old-style card callbacks are signed with sha1(… + Verification Token + body); 6. the Verification Token inside
// the payload is checked always; 7. a payload for another app is refused.
import { type Envelope, readEnvelope } from './decode.ts'
import { decryptPayload, verifyEventSignature, verifyLegacyCardSignature, verifyToken } from './verify.ts'

export interface FeishuSecrets {
  appId: string
  verificationToken: string
  encryptKey?: string
}

export interface IncomingRequest {
  rawBody: string
  header(name: string): string | undefined
}

export type Opened = { ok: true; envelope: Envelope } | { ok: false; status: 400 | 401; reason: string }

const refuse = (status: 400 | 401, reason: string): Opened => ({ ok: false, status, reason })

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

export async function openRequest(
  request: IncomingRequest,
  secrets: FeishuSecrets,
  options: { now: () => Date; maxAgeSeconds?: number },
): Promise<Opened> {
  const outer = parseObject(request.rawBody)
  if (!outer) return refuse(400, 'invalid_json')
  const signed = {
    timestamp: request.header('x-lark-request-timestamp'),
    nonce: request.header('x-lark-request-nonce'),
    signature: request.header('x-lark-signature'),
    rawBody: request.rawBody,
  }
  const hasSignature = Boolean(signed.signature)
  let payload: Record<string, unknown> | undefined = outer
  let signatureChecked = false

  // An old-style card callback is plain and signed differently (checked below, once we know its shape).
  const legacyShape = typeof outer.open_message_id === 'string'
  if (secrets.encryptKey && hasSignature && !legacyShape) {
    const verdict = await verifyEventSignature(signed, secrets.encryptKey, options)
    if (!verdict.ok) return refuse(401, verdict.reason)
    signatureChecked = true
  }
  if (typeof outer.encrypt === 'string') {
    if (!secrets.encryptKey) return refuse(400, 'encrypted_without_encrypt_key')
    const plain = await decryptPayload(outer.encrypt, secrets.encryptKey).catch(() => undefined)
    payload = plain === undefined ? undefined : parseObject(plain)
    if (!payload) return refuse(400, 'undecryptable')
  }

  const envelope = readEnvelope(payload)
  if (!envelope) return refuse(400, 'unknown_envelope')
  if (envelope.type === 'legacy_card') {
    const verdict = await verifyLegacyCardSignature(signed, secrets.verificationToken, options)
    return verdict.ok ? { ok: true, envelope } : refuse(401, verdict.reason)
  }
  if (secrets.encryptKey && envelope.type !== 'challenge' && !signatureChecked) return refuse(401, 'missing_signature')
  const token = verifyToken(envelope.token, secrets.verificationToken)
  if (!token.ok) return refuse(401, token.reason)
  if (envelope.type !== 'challenge' && envelope.appId !== undefined && envelope.appId !== secrets.appId) {
    return refuse(401, 'app_mismatch')
  }
  return { ok: true, envelope }
}
