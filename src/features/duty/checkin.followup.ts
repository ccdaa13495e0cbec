// The `duty-followup` job: a check-in still unanswered at its deadline gets one reminder to the enterprise's duty
// contacts; still unanswered a few working hours after that (escalateAfterWorkingHours), it is marked missed and
// the 质量管家 covering the enterprise is told. Each step is claimed with a conditional update (remindedAt /
// escalatedAt set only where still null), so two instances or two runs do each step once.
import type { CoreDeps } from '../../deps.ts'
import { enqueueMessage } from '../../outbox/outbox.repo.ts'
import { staffForEnterprise } from '../enterprises/staff-routing.ts'
import { addressOf } from '../people/addresses.ts'
import { WORK_CALENDAR } from '../tickets/sla.ts'
import { addWorkingMinutes } from '../tickets/working-hours.ts'
import { renderCheckinCard } from './checkin.card.ts'
import { contactAddress, dutyContacts } from './checkin.repo.ts'
import { DUTY_CONFIG, kindLabel } from './duty.config.ts'
import { periodLabel } from './periods.ts'

const BATCH = 500
export const REMINDER_TEXT = '已超过反馈截止时间，请尽快完成自查并反馈。'

async function remind(deps: CoreDeps, now: Date): Promise<number> {
  const rows = await deps.db.dutyCheckin.findMany({
    where: { status: 'pending', remindedAt: null, dueAt: { lte: now } },
    orderBy: { id: 'asc' },
    take: BATCH,
  })
  let reminded = 0
  for (const row of rows) {
    const done = await deps.db.$transaction(async (tx) => {
      const { count } = await tx.dutyCheckin.updateMany({
        where: { id: row.id, status: 'pending', remindedAt: null },
        data: { remindedAt: now },
      })
      if (!count) return false
      const enterprise = await tx.enterprise.findUniqueOrThrow({ where: { id: row.enterpriseId } })
      for (const contact of await dutyContacts(tx, row.enterpriseId)) {
        const address = contactAddress(deps, contact)
        if (!address) continue
        await enqueueMessage(tx, {
          address,
          body: { kind: 'card', card: renderCheckinCard(row, enterprise.name, { reminder: REMINDER_TEXT }) },
          dedupeKey: `duty:${row.id}:reminder:${contact.id}`,
        })
      }
      return true
    })
    if (done) reminded++
  }
  return reminded
}

async function escalate(deps: CoreDeps, now: Date): Promise<number> {
  const rows = await deps.db.dutyCheckin.findMany({
    where: { status: 'pending', escalatedAt: null, remindedAt: { not: null } },
    orderBy: { id: 'asc' },
    take: BATCH,
  })
  const wait = DUTY_CONFIG.escalateAfterWorkingHours * 60
  let escalated = 0
  for (const row of rows) {
    if (addWorkingMinutes(row.remindedAt!, wait, WORK_CALENDAR) > now) continue
    const done = await deps.db.$transaction(async (tx) => {
      const { count } = await tx.dutyCheckin.updateMany({
        where: { id: row.id, status: 'pending', escalatedAt: null },
        data: { status: 'missed', escalatedAt: now },
      })
      if (!count) return false
      const enterprise = await tx.enterprise.findUniqueOrThrow({ where: { id: row.enterpriseId } })
      const text =
        `【企业主体责任检查逾期】${enterprise.name}的${kindLabel(row.kind)}检查（${periodLabel(row.kind, row.period)}）` +
        '经提醒仍未反馈，请联系企业了解情况。'
      for (const staff of await staffForEnterprise(tx, enterprise)) {
        const address = addressOf(staff, { ports: deps.ports })
        if (!address) continue
        await enqueueMessage(tx, {
          address,
          body: { kind: 'text', text },
          dedupeKey: `duty:${row.id}:missed:${staff.id}`,
        })
      }
      return true
    })
    if (done) escalated++
  }
  return escalated
}

export async function followUpCheckins(deps: CoreDeps, now: Date) {
  const reminded = await remind(deps, now)
  const escalated = await escalate(deps, now)
  if (reminded || escalated) {
    deps.outbox.kick()
    deps.log.info('duty check-ins followed up', { reminded, escalated })
  }
  return { reminded, escalated }
}
