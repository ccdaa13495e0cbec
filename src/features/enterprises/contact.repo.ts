// Chat contacts: the person behind a platform identity, and the enterprise they are bound to (once confirmed).
import { z } from 'zod'
import type { Actor, Platform } from '../../bot/types.ts'
import { platformSchema } from '../../bot/types.ts'
import type { DbOrTx } from '../../db/client.ts'
import { creditCodeSchema } from './enterprise.schema.ts'
import { dutyRoleSchema } from './honour-kinds.ts'

export interface ContactView {
  id: number
  platform: string
  userId: string
  name: string | null
  enterpriseId: number | null
  boundAt: Date | null
}

const pick = (row: ContactView): ContactView => ({
  id: row.id,
  platform: row.platform,
  userId: row.userId,
  name: row.name,
  enterpriseId: row.enterpriseId,
  boundAt: row.boundAt,
})

export async function findContact(
  db: DbOrTx,
  platform: Platform | string,
  userId: string,
): Promise<ContactView | null> {
  const row = await db.contact.findUnique({ where: { platform_userId: { platform, userId } } })
  return row ? pick(row) : null
}

/** The contact behind an actor, created on first contact; the display name is kept up to date. */
export async function ensureContact(db: DbOrTx, actor: Actor): Promise<ContactView> {
  const where = { platform_userId: { platform: actor.platform, userId: actor.userId } }
  const name = actor.name ?? null
  const row = await db.contact.upsert({
    where,
    create: { platform: actor.platform, userId: actor.userId, name },
    update: name ? { name } : {},
  })
  return pick(row)
}

export async function bindContact(db: DbOrTx, contactId: number, enterpriseId: number, at: Date): Promise<void> {
  await db.contact.update({ where: { id: contactId }, data: { enterpriseId, boundAt: at } })
}

export async function unbindContact(db: DbOrTx, contactId: number): Promise<void> {
  await db.contact.update({ where: { id: contactId }, data: { enterpriseId: null, boundAt: null } })
}

export const contactFileSchema = z.object({
  contacts: z
    .array(
      z.object({
        platform: platformSchema,
        userId: z.string().trim().min(1),
        name: z.string().trim().min(1).optional(),
        /** Bound at once (demo data only: real contacts bind through the guided dialogue). */
        creditCode: creditCodeSchema.optional(),
        /** 质量安全总监 / 质量安全员: who receives the enterprise's duty check-ins. */
        dutyRole: dutyRoleSchema.optional(),
      }),
    )
    .min(1),
})

/** Loads a contacts file; a contact whose enterprise is unknown is refused, so load enterprises first. */
export async function loadContactFile(db: DbOrTx, data: unknown, now: Date): Promise<{ saved: number }> {
  const file = contactFileSchema.parse(data)
  for (const c of file.contacts) {
    const contact = await ensureContact(db, { platform: c.platform, userId: c.userId, name: c.name })
    if (!c.creditCode) continue
    const enterprise = await db.enterprise.findUnique({ where: { creditCode: c.creditCode } })
    if (!enterprise) throw new Error(`contact ${c.userId}: no enterprise with that credit code; load enterprises first`)
    if (contact.enterpriseId !== enterprise.id) await bindContact(db, contact.id, enterprise.id, now)
    if (c.dutyRole) await db.contact.update({ where: { id: contact.id }, data: { dutyRole: c.dutyRole } })
  }
  return { saved: file.contacts.length }
}
