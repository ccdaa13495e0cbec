// Where each target stands: counted from enterprise records (honours and certificates, standards) where the plan's
// figure is something the records show, else the latest figure staff recorded (TargetRecord).
import type { DbOrTx } from '../../db/client.ts'
import { COUNT_FROM, PLAN_TARGETS, type PlanTarget } from './targets.config.ts'

export interface TargetProgress {
  target: PlanTarget
  value: number
  /** records: counted from enterprise records; recorded: staff's latest figure; none: nothing recorded yet. */
  basis: 'records' | 'recorded' | 'none'
  /** value / goal, 0..(more than 1 when exceeded). */
  ratio: number
}

async function countHonours(db: DbOrTx, kinds: string[], from: Date | null): Promise<number> {
  const honours = await db.honour.findMany({
    where: { kind: { in: kinds }, ...(from ? { OR: [{ year: null }, { year: { gte: from.getUTCFullYear() } }] } : {}) },
    select: { enterpriseId: true },
  })
  const certificates = await db.certificate.findMany({
    where: { kind: { in: kinds }, ...(from ? { OR: [{ issuedAt: null }, { issuedAt: { gte: from } }] } : {}) },
    select: { enterpriseId: true },
  })
  return new Set([...honours, ...certificates].map((r) => r.enterpriseId)).size
}

function countStandards(db: DbOrTx, kinds: string[], statuses: string[], from: Date | null): Promise<number> {
  return db.standard.count({
    where: {
      kind: { in: kinds },
      status: { in: statuses },
      ...(from ? { OR: [{ publishedAt: null }, { publishedAt: { gte: from } }] } : {}),
    },
  })
}

export async function progressOf(db: DbOrTx, target: PlanTarget): Promise<TargetProgress> {
  const of = (value: number, basis: TargetProgress['basis']) => ({ target, value, basis, ratio: value / target.goal })
  const source = target.source
  if (source.kind === 'honours') return of(await countHonours(db, source.honourKinds, COUNT_FROM), 'records')
  if (source.kind === 'standards')
    return of(await countStandards(db, source.standardKinds, source.statuses, COUNT_FROM), 'records')
  const latest = await db.targetRecord.findFirst({ where: { target: target.code }, orderBy: { id: 'desc' } })
  return latest ? of(latest.value, 'recorded') : of(0, 'none')
}

export async function allProgress(db: DbOrTx): Promise<TargetProgress[]> {
  const out: TargetProgress[] = []
  for (const target of PLAN_TARGETS) out.push(await progressOf(db, target))
  return out
}

export const percent = (ratio: number) => Math.round(ratio * 100)

/** Where a figure comes from, as staff read it. */
export const BASIS_LABELS: Record<TargetProgress['basis'], string> = {
  records: '企业档案',
  recorded: '工作人员登记',
  none: '尚未登记',
}
