// Enterprise profiles in the database: saving one with its honours and certificates (idempotent, matched on the
// credit code) and reading it back as an EnterpriseProfile.
import type { DbOrTx } from '../../db/client.ts'
import {
  type EnterpriseInput,
  type EnterpriseProfile,
  enterpriseFileSchema,
  enterpriseInputSchema,
  type HonourView,
} from './enterprise.schema.ts'
import { awardLevelSchema, dutyClassSchema } from './honour-kinds.ts'

const WITH_DETAILS = {
  honours: { orderBy: { id: 'asc' } },
  certificates: { orderBy: { id: 'asc' } },
} as const

/** A stored enterprise with its details: the profile, except that the database keeps an honour's level as text. */
type Row = Omit<EnterpriseProfile, 'honours' | 'dutyClasses' | 'products'> & {
  dutyClasses: string
  products: string
  honours: (Omit<HonourView, 'level' | 'kind'> & { kind: string; level: string | null })[]
}

/** A stored enterprise read with its honours and certificates, as the profile the features work with. */
export function toProfile(row: Row): EnterpriseProfile {
  return {
    id: row.id,
    name: row.name,
    creditCode: row.creditCode,
    industry: row.industry,
    size: row.size,
    town: row.town,
    dutyClasses: parseList(row.dutyClasses).flatMap((c) => dutyClassSchema.safeParse(c).data ?? []),
    products: parseList(row.products),
    honours: row.honours.map((h) => ({ ...h, level: awardLevelSchema.safeParse(h.level).data ?? null })),
    certificates: row.certificates.map((c) => ({ ...c })),
  }
}

/** A JSON list column; anything else (hand-edited rows) reads as empty rather than failing the profile. */
function parseList(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
  } catch {
    return []
  }
}

/**
 * Creates or replaces one enterprise, its honours and its certificates (the input is the whole truth about it).
 * Use inside a transaction when several must succeed together.
 */
export async function saveEnterprise(db: DbOrTx, input: EnterpriseInput): Promise<EnterpriseProfile> {
  const e = enterpriseInputSchema.parse(input)
  const fields = {
    name: e.name,
    industry: e.industry,
    size: e.size ?? null,
    town: e.town ?? null,
    dutyClasses: JSON.stringify(e.dutyClasses),
    products: JSON.stringify(e.products),
  }
  const row = await db.enterprise.upsert({
    where: { creditCode: e.creditCode },
    create: { creditCode: e.creditCode, ...fields },
    update: fields,
  })
  await db.honour.deleteMany({ where: { enterpriseId: row.id } })
  await db.certificate.deleteMany({ where: { enterpriseId: row.id } })
  if (e.honours.length) {
    await db.honour.createMany({
      data: e.honours.map((h) => ({
        enterpriseId: row.id,
        kind: h.kind,
        level: h.level ?? null,
        year: h.year ?? null,
        title: h.title,
      })),
    })
  }
  if (e.certificates.length) {
    await db.certificate.createMany({
      data: e.certificates.map((c) => ({
        enterpriseId: row.id,
        kind: c.kind,
        number: c.number ?? null,
        title: c.title,
        issuedAt: c.issuedAt ?? null,
        expiresAt: c.expiresAt ?? null,
      })),
    })
  }
  return (await findEnterpriseById(db, row.id))!
}

/** Loads an enterprises file (`{enterprises: [...]}`), validated as a whole before anything is written. */
export async function loadEnterpriseFile(db: DbOrTx, data: unknown): Promise<{ saved: number }> {
  const file = enterpriseFileSchema.parse(data)
  for (const entry of file.enterprises) await saveEnterprise(db, entry)
  return { saved: file.enterprises.length }
}

export async function findEnterpriseById(db: DbOrTx, id: number): Promise<EnterpriseProfile | null> {
  const row = await db.enterprise.findUnique({ where: { id }, include: WITH_DETAILS })
  return row ? toProfile(row) : null
}

/** Looks up by an already validated, normalised code. */
export async function findEnterpriseByCreditCode(db: DbOrTx, creditCode: string): Promise<EnterpriseProfile | null> {
  const row = await db.enterprise.findUnique({ where: { creditCode }, include: WITH_DETAILS })
  return row ? toProfile(row) : null
}
