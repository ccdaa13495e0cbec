// One-time binding codes: six digits that staff read out to the contact. Only the SHA-256 hash is stored; the
// comparison is constant-time (src/security/constant-time.ts). Web Crypto only, so it runs on Node and Workers
// alike.
import { constantTimeEqual } from '../../security/constant-time.ts'

export const CODE_LENGTH = 6

/** Six uniformly random digits (rejection sampling avoids the modulo bias of a plain `% 10`). */
export function newOneTimeCode(): string {
  const digits: number[] = []
  while (digits.length < CODE_LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(CODE_LENGTH * 2))) {
      if (byte < 250 && digits.length < CODE_LENGTH) digits.push(byte % 10)
    }
  }
  return digits.join('')
}

export async function hashCode(code: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(code.trim()))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

export async function codeMatches(code: string, storedHash: string): Promise<boolean> {
  return constantTimeEqual(await hashCode(code), storedHash)
}

/** "123456", "验证码 123456", "１２３４５６": the code if the message is essentially just one. */
export function extractOneTimeCode(text: string): string | null {
  const ascii = text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim()
  const match = /^(?:(?:绑定)?验证码|绑定码|code)?[\s:：是为]*(\d{6})[。.!！]?$/i.exec(ascii)
  return match ? match[1]! : null
}
