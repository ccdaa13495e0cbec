// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, Z, S, V); the last one is
// a check character computed from the first 17 with fixed weights, modulo 31. Pure functions, no I/O.

/** The code alphabet in value order: a character's index is its value in the checksum. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const
const VALID_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/

export type CreditCodeProblem = 'empty' | 'length' | 'charset' | 'format' | 'checksum'

export type CreditCodeCheck = { ok: true; code: string } | { ok: false; problem: CreditCodeProblem; code: string }

/** Full-width letters and digits → ASCII, spaces and dashes dropped, upper case: what people paste from documents. */
export function normalizeCreditCode(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-_—·.]/g, '')
    .toUpperCase()
}

/** The check character for the first 17 characters, or null when one of them is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i]!)
    if (value < 0) return null
    sum += value * WEIGHTS[i]!
  }
  const check = (31 - (sum % 31)) % 31
  return CREDIT_CODE_CHARSET[check]!
}

/** Validates a code as typed (normalised first); says which rule failed so the reply can be specific. */
export function checkCreditCode(input: string): CreditCodeCheck {
  const code = normalizeCreditCode(input)
  if (!code) return { ok: false, problem: 'empty', code }
  if (code.length !== 18) return { ok: false, problem: 'length', code }
  if (![...code].every((c) => CREDIT_CODE_CHARSET.includes(c))) return { ok: false, problem: 'charset', code }
  if (!VALID_SHAPE.test(code)) return { ok: false, problem: 'format', code }
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return { ok: false, problem: 'checksum', code }
  return { ok: true, code }
}

export const isValidCreditCode = (input: string) => checkCreditCode(input).ok

/** For showing a code back to its owner: 9133************01 style, never the whole code in a group chat. */
export function maskCreditCode(code: string): string {
  return code.length === 18 ? `${code.slice(0, 4)}**********${code.slice(14)}` : '******'
}

/** Finds something that looks like a credit code inside a sentence ("我们的代码是 9133…"), normalised. */
export function extractCreditCode(text: string): string | null {
  const ascii = text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
  const whole = /(?<![0-9A-Za-z])[0-9A-Za-z]{18}(?![0-9A-Za-z])/.exec(ascii)
  if (whole) return whole[0].toUpperCase()
  // Typed in groups ("9133 0304 MA2D …"): try again without separators.
  const joined = /(?<![0-9A-Za-z])[0-9A-Za-z]{18}(?![0-9A-Za-z])/.exec(ascii.replace(/[\s\-_—·]/g, ''))
  return joined ? joined[0].toUpperCase() : null
}
