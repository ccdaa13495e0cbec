// The daily certificate-expiry job: each certificate within 90, 30 or 7 days of expiry is warned about once per
// threshold, to the enterprise's bound contacts and its 质量管家. The warning rows are written in the transaction
// that queues the cards, so a rerun (or a second instance) warns nobody twice.
import type { Address, Platform } from '../../bot/types.ts'
import type { CoreDeps } from '../../deps.ts'
import { type EnqueueInput, enqueueMessages } from '../../outbox/outbox.repo.ts'
import { inChunks } from '../alerts/chunks.ts'
import { formatDate } from '../enterprises/dates.ts'
import { staffForEnterprise } from '../enterprises/staff-routing.ts'
import { addressOf } from '../people/addresses.ts'
import { APPLY_CERTIFICATION, certExpiryCard } from './expiry.cards.ts'
import { daysLeft, HORIZON_MS, thresholdOf, warningKey } from './thresholds.ts'

export async function warnExpiringCertificates(deps: CoreDeps, now: Date): Promise<number> {
  const certificates = await deps.db.certificate.findMany({
    where: { expiresAt: { gt: now, lte: new Date(now.getTime() + HORIZON_MS) } },
    include: { enterprise: { include: { contacts: true } } },
    orderBy: { id: 'asc' },
  })
  const due = certificates.flatMap((c) => {
    const threshold = thresholdOf(c.expiresAt!, now)
    return threshold ? [{ c, threshold, key: warningKey({ ...c, expiresAt: c.expiresAt! }, threshold) }] : []
  })
  const done = new Set(
    (
      await inChunks(
        due.map((d) => d.key),
        (keys) => deps.db.certificateWarning.findMany({ where: { key: { in: keys } }, select: { key: true } }),
      )
    ).map((w) => w.key),
  )
  let warned = 0
  for (const { c, threshold, key } of due) {
    if (done.has(key)) continue
    const days = daysLeft(c.expiresAt!, now)
    const card = (forStaff: boolean) =>
      certExpiryCard({
        days,
        enterprise: c.enterprise.name,
        fields: [
          { label: '证书', value: c.title },
          ...(c.number ? [{ label: '证书编号', value: c.number }] : []),
          { label: '有效期至', value: formatDate(c.expiresAt!) },
        ],
        forStaff,
        buttons: forStaff ? [] : [APPLY_CERTIFICATION],
      })
    const messages: EnqueueInput[] = []
    for (const contact of c.enterprise.contacts) {
      if (!deps.ports[contact.platform as Platform]) continue
      const address: Address = { platform: contact.platform, userId: contact.userId }
      messages.push({ address, body: { kind: 'card', card: card(false) } })
    }
    for (const staff of await staffForEnterprise(deps.db, c.enterprise)) {
      const address = addressOf(staff, { ports: deps.ports })
      if (address) messages.push({ address, body: { kind: 'card', card: card(true) } })
    }
    await deps.db.$transaction(async (tx) => {
      await tx.certificateWarning.create({ data: { key, enterpriseId: c.enterpriseId, threshold, sentAt: now } })
      await enqueueMessages(tx, messages)
    })
    warned += 1
  }
  if (warned) deps.outbox.kick()
  return warned
}
