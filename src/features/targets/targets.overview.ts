// The targets as the admin API and the console show them: the plan's words, the goal, where each stands now
// (progress.ts, as the chat and the monthly card count it), where the figure comes from, the last figure staff
// recorded, and the month-by-month course (the snapshots the monthly card keeps).
import type { DbOrTx } from '../../db/client.ts'
import { allProgress, percent, type TargetProgress } from './progress.ts'
import { latestRecord } from './record-progress.ts'

export interface TargetOverview {
  index: number
  code: string
  section: string
  label: string
  wording: string
  goal: number
  unit: string
  value: number
  percent: number
  /** derived: counted from enterprise records; recorded: figures staff record. */
  source: 'derived' | 'recorded'
  basis: TargetProgress['basis']
  latest: { value: number; note: string | null; recordedAt: Date; recordedBy: string | null } | null
  history: { month: string; value: number; percent: number }[]
}

export async function targetsOverview(db: DbOrTx): Promise<TargetOverview[]> {
  const progress = await allProgress(db)
  const snapshots = await db.targetSnapshot.findMany({ orderBy: { month: 'asc' } })
  const out: TargetOverview[] = []
  for (const [i, p] of progress.entries()) {
    const t = p.target
    const recorded = t.source.kind === 'recorded'
    const last = recorded ? await latestRecord(db, t.code) : null
    const by = last && (await db.staff.findUnique({ where: { id: last.recordedBy }, select: { name: true } }))
    out.push({
      index: i + 1,
      code: t.code,
      section: t.section,
      label: t.label,
      wording: t.wording,
      goal: t.goal,
      unit: t.unit,
      value: p.value,
      percent: percent(p.ratio),
      source: recorded ? 'recorded' : 'derived',
      basis: p.basis,
      latest: last && { value: last.value, note: last.note, recordedAt: last.recordedAt, recordedBy: by?.name ?? null },
      history: snapshots
        .filter((s) => s.target === t.code)
        .map((s) => ({ month: s.month, value: s.value, percent: percent(s.value / t.goal) })),
    })
  }
  return out
}
