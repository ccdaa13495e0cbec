// For the staff digest and the weekly list: the enterprises in a staff member's area that were newly matched (and
// told) since a date. Staff may see which of their enterprises matched what; enterprises never see each other's.
import type { DbOrTx } from '../../db/client.ts'
import { covering } from '../alerts/audience.ts'
import { inChunks } from '../alerts/chunks.ts'
import type { StaffView } from '../staff/staff.schema.ts'

export interface NewMatch {
  enterpriseId: number
  enterprise: string
  /** loan:quality-loan | programme:<id>, with what was met */
  rules: { ruleId: string; keys: string[] }[]
}

export async function newMatchesFor(db: DbOrTx, staff: StaffView, since: Date): Promise<NewMatch[]> {
  const rows = await db.policyMatch.findMany({
    where: { notified: true, createdAt: { gte: since } },
    orderBy: [{ enterpriseId: 'asc' }, { id: 'asc' }],
  })
  const enterprises = await inChunks([...new Set(rows.map((r) => r.enterpriseId))], (slice) =>
    db.enterprise.findMany({
      where: { id: { in: slice } },
      select: { id: true, name: true, industry: true, town: true },
    }),
  )
  const mine = new Map(enterprises.filter((e) => staff.role === 'admin' || covering(staff, e)).map((e) => [e.id, e]))
  const out = new Map<number, NewMatch>()
  for (const r of rows) {
    const e = mine.get(r.enterpriseId)
    if (!e) continue
    const entry = out.get(e.id) ?? { enterpriseId: e.id, enterprise: e.name, rules: [] }
    entry.rules.push({ ruleId: r.ruleId, keys: JSON.parse(r.criteria) as string[] })
    out.set(e.id, entry)
  }
  return [...out.values()]
}
