// Contact phone numbers: a mainland mobile (11 digits, 1[3-9]…) or a landline with area code (0577-8xxxxxxx,
// optional extension). Normalised before storage; masked wherever it could reach a log.

export type PhoneCheck = { ok: true; phone: string } | { ok: false }

const MOBILE = /^1[3-9]\d{9}$/
const LANDLINE = /^(0\d{2,3})-?([2-9]\d{6,7})(?:-(\d{1,6}))?$/

export function normalizePhone(input: string): PhoneCheck {
  const compact = input
    .trim()
    .replace(/[\s()（）]/g, '')
    .replace(/[—–－]/g, '-')
  const mobile = compact.replace(/^(\+?86)-?/, '').replace(/-/g, '')
  if (MOBILE.test(mobile)) return { ok: true, phone: mobile }
  const landline = LANDLINE.exec(compact.replace(/^(\+?86)-?(?=0)/, ''))
  if (landline) {
    const [, area, number, extension] = landline
    return { ok: true, phone: `${area}-${number}${extension ? `-${extension}` : ''}` }
  }
  return { ok: false }
}

/** 138****5678 for mobiles; 0577-****5678 for landlines. */
export function maskPhone(phone: string): string {
  if (MOBILE.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`
  const landline = LANDLINE.exec(phone)
  if (landline) return `${landline[1]}-****${landline[2]!.slice(-4)}`
  return phone.length > 4 ? `****${phone.slice(-4)}` : '****'
}

/** A run of digits long enough to be meant as a phone number (with spaces, dashes, brackets or +86 between). */
const DIGIT_RUN = /\+?[\d０-９][\d０-９\s\-—–－()（）]{5,}[\d０-９]/g

const ascii = (text: string) => text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))

/** Whether a message tries to give a number ("13812345678", "我的电话是 0577-88886666", "12345"). */
export const looksLikePhoneAttempt = (text: string) => /\d{5}|\d[\d\s-]{5,}\d/.test(ascii(text))

/** The phone number in a message, whole or inside a sentence ("电话 138 1234 5678，找王经理"). */
export function findPhone(text: string): PhoneCheck {
  const whole = normalizePhone(ascii(text))
  if (whole.ok) return whole
  for (const run of ascii(text).match(DIGIT_RUN) ?? []) {
    const found = normalizePhone(run)
    if (found.ok) return found
  }
  return { ok: false }
}
