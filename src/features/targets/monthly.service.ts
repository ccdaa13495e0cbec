// Gathers the monthly card's figures, and the `targets-monthly` job that sends it to the officials on the first
// working day of the month at 09:00. Sending records each target's progress as that month's snapshot
// (TargetSnapshot), which is what the chart's course over the months is drawn from; a snapshot for the month also
// means the card went out, so a run on a later day of the first week (a catch-up after downtime) sends it only if
// the first working day's run did not. Where the platform draws no chart but sends images (DingTalk), the card
// (with its text bars) is followed by the chart as a PNG, one per official and month; where this runtime cannot draw
// it (Workers), the text bars are all, and the log says so.
import type { DbOrTx } from '../../db/client.ts'
import type { CoreDeps } from '../../deps.ts'
import { enqueueMessage } from '../../outbox/outbox.repo.ts'
import { checkinCompletion } from '../duty/checkin.rates.ts'
import { monthHasStartedWork } from '../duty/periods.ts'
import { addressOf } from '../people/addresses.ts'
import { listActiveStaff } from '../staff/staff.repo.ts'
import { fullTime, shanghaiMonth } from '../tickets/time.ts'
import { canDrawProgress, progressImagePart } from './chart-svg.ts'
import { type MonthlyData, renderMonthlyCard } from './monthly.card.ts'
import { allProgress, percent } from './progress.ts'
import { ticketMonth } from './ticket-month.ts'

const HISTORY_MONTHS = 12

/** The month before the one `at` falls in (Asia/Shanghai), YYYY-MM. */
export function previousMonth(at: Date): string {
  const [y, m] = shanghaiMonth(at).split('-').map(Number) as [number, number]
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/** The card's figures for `month`; with `snapshot`, the progress is kept as that month's point of the chart. */
export async function monthlyData(
  db: DbOrTx,
  now: Date,
  month: string,
  options: { snapshot: boolean },
): Promise<MonthlyData> {
  const progress = await allProgress(db)
  if (options.snapshot) {
    for (const p of progress) {
      await db.targetSnapshot.upsert({
        where: { month_target: { month, target: p.target.code } },
        create: { month, target: p.target.code, value: p.value },
        update: { value: p.value },
      })
    }
  }
  const rows = await db.targetSnapshot.findMany({ where: { month: { lt: month } }, orderBy: { month: 'asc' } })
  const months = [...new Set(rows.map((r) => r.month))].slice(-(HISTORY_MONTHS - 1))
  const goal = new Map(progress.map((p) => [p.target.code, p.target.goal]))
  const history = months.map((m) => ({
    month: m,
    values: Object.fromEntries(
      rows.filter((r) => r.month === m).map((r) => [r.target, percent(r.value / (goal.get(r.target) ?? 1))]),
    ),
  }))
  history.push({ month, values: Object.fromEntries(progress.map((p) => [p.target.code, percent(p.ratio)])) })
  return {
    month,
    asOf: fullTime(now),
    progress,
    history,
    tickets: await ticketMonth(db, month),
    checkins: await checkinCompletion(db, month),
  }
}

/** Who gets the monthly card: the officials (局领导、科室负责人) and the admins. */
export async function monthlyAudience(db: DbOrTx) {
  return (await listActiveStaff(db)).filter((s) => s.role === 'official' || s.role === 'admin')
}

export async function sendMonthlyCard(deps: CoreDeps, now: Date): Promise<{ sent: number; month: string | null }> {
  if (!monthHasStartedWork(now)) return { sent: 0, month: null }
  const month = previousMonth(now)
  let sent = 0
  let undrawn = 0
  await deps.db.$transaction(async (tx) => {
    if (await tx.targetSnapshot.findFirst({ where: { month } })) return
    const data = await monthlyData(tx, now, month, { snapshot: true })
    for (const official of await monthlyAudience(tx)) {
      const address = addressOf(official, { ports: deps.ports })
      if (!address) continue
      const { charts, images } = deps.capabilities(address.platform)
      const card = renderMonthlyCard(data, { charts })
      const key = `targets:monthly:${month}:${official.id}`
      const { cardId } = await enqueueMessage(tx, { address, body: { kind: 'card', card }, dedupeKey: key })
      if (cardId) sent++
      if (charts || !images) continue
      if (!canDrawProgress(deps.images)) undrawn++
      else
        await enqueueMessage(tx, {
          address,
          body: { kind: 'image', image: progressImagePart(data) },
          dedupeKey: `${key}:chart`,
        })
    }
  })
  if (sent) deps.outbox.kick()
  deps.log.info('monthly card sent', { month, sent })
  if (undrawn) deps.log.warn('monthly chart image left out: no PNG renderer in this runtime', { month, undrawn })
  return { sent, month }
}
