// What other features ask about enterprises: "which company is this person from?".
import type { Platform } from '../../bot/types.ts'
import type { DbOrTx } from '../../db/client.ts'
import { findContact } from './contact.repo.ts'
import { findEnterpriseById } from './enterprise.repo.ts'
import type { EnterpriseProfile } from './enterprise.schema.ts'

/**
 * The enterprise a chat contact is bound to (confirmed by staff or by a one-time code), with its honours and
 * certificates; null when the person is unknown or not bound. Used by eligibility, tickets and alerts.
 */
export async function findBoundEnterprise(
  db: DbOrTx,
  platform: Platform | string,
  userId: string,
): Promise<EnterpriseProfile | null> {
  const contact = await findContact(db, platform, userId)
  if (!contact?.enterpriseId) return null
  return findEnterpriseById(db, contact.enterpriseId)
}
