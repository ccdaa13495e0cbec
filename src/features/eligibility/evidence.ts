// How a profile fact is quoted back as evidence: the award's name, level and year; the certificate's number and
// expiry. Pure formatting.
import { formatDate } from '../enterprises/dates.ts'
import type { CertificateView, HonourView } from '../enterprises/enterprise.schema.ts'
import { honourLabel, levelLabel } from '../enterprises/honour-kinds.ts'

export function honourEvidence(h: HonourView): string {
  const when = h.year ? `${h.year}年` : ''
  const level = h.level ? levelLabel(h.level) : ''
  const label = honourLabel(h.kind)
  return h.title === label ? `${when}${level}${label}` : `${when}${level}${label}：${h.title}`
}

export const isCertificateValid = (c: CertificateView, now: Date) => !c.expiresAt || c.expiresAt > now

export function certificateEvidence(c: CertificateView, now: Date): string {
  const number = c.number ? `，证书编号 ${c.number}` : ''
  if (!c.expiresAt) return `${c.title}${number}`
  const expiry = isCertificateValid(c, now)
    ? `，有效期至 ${formatDate(c.expiresAt)}`
    : `，已于 ${formatDate(c.expiresAt)} 到期`
  return `${c.title}${number}${expiry}`
}
