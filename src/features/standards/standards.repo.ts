// The standards table: saving entries (demo seed now, admin API later; idempotent on the code) and listing them.
import type { DbOrTx } from '../../db/client.ts'
import { type StandardInput, type StandardView, standardInputSchema, standardsFileSchema } from './standards.schema.ts'

export async function saveStandard(db: DbOrTx, input: StandardInput): Promise<void> {
  const s = standardInputSchema.parse(input)
  const fields = {
    name: s.name,
    industry: s.industry,
    kind: s.kind,
    status: s.status,
    leadEnterprise: s.leadEnterprise ?? null,
    publishedAt: s.publishedAt ?? null,
  }
  await db.standard.upsert({ where: { code: s.code }, create: { code: s.code, ...fields }, update: fields })
}

/** Loads a standards file (`{standards: [...]}`), validated as a whole before anything is written. */
export async function loadStandardsFile(db: DbOrTx, data: unknown): Promise<{ saved: number }> {
  const file = standardsFileSchema.parse(data)
  for (const entry of file.standards) await saveStandard(db, entry)
  return { saved: file.standards.length }
}

export interface StandardsFilter {
  industry?: string
  kind?: string
}

/** Published first, then in progress, then by code. */
export async function listStandards(db: DbOrTx, filter: StandardsFilter = {}): Promise<StandardView[]> {
  const rows = await db.standard.findMany({
    where: { ...(filter.industry ? { industry: filter.industry } : {}), ...(filter.kind ? { kind: filter.kind } : {}) },
    orderBy: { code: 'asc' },
  })
  const rank = (status: string) => ['已发布', '研制中', '已立项'].indexOf(status)
  return rows
    .map(({ code, name, industry, kind, status, leadEnterprise, publishedAt }) => ({
      code,
      name,
      industry,
      kind,
      status,
      leadEnterprise,
      publishedAt,
    }))
    .sort((a, b) => rank(a.status) - rank(b.status))
}
