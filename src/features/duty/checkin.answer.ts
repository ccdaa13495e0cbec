// Answering a check-in (已完成 / 有问题): only a duty contact of the check-in's own enterprise may, checked
// against the verified operator of the click, never against what the button carries. The first answer wins
// (status leaves pending/missed once); a replayed or second click shows the recorded answer and changes nothing.
// 有问题 opens a service ticket through the tickets feature's own opening path, linked to the check-in.
import type { Actor, ChatRef } from '../../bot/types.ts'
import type { CardModel } from '../../cards/model.ts'
import type { CoreDeps } from '../../deps.ts'
import { findSentCard, updateSentCard } from '../../outbox/outbox.repo.ts'
import { openTicket } from '../tickets/ticket.open.ts'
import { checkinSubject, renderCheckinCard } from './checkin.card.ts'
import { findCheckin } from './checkin.repo.ts'
import { DUTY_CONFIG, kindLabel } from './duty.config.ts'
import { periodLabel } from './periods.ts'

export type AnswerOutcome =
  | { ok: true; already: boolean; card: CardModel; message: string }
  | { ok: false; reason: 'not_found' | 'not_allowed'; message: string }

const ANSWERABLE = ['pending', 'missed']

/** The card of a check-in as it stands now. */
export async function currentCheckinCard(db: CoreDeps['db'], id: number): Promise<CardModel | null> {
  const row = await findCheckin(db, id)
  if (!row) return null
  const enterprise = await db.enterprise.findUniqueOrThrow({ where: { id: row.enterpriseId } })
  const contact = row.answeredBy ? await db.contact.findUnique({ where: { id: row.answeredBy } }) : null
  const ticket = row.ticketId ? await db.ticket.findUnique({ where: { id: row.ticketId } }) : null
  return renderCheckinCard(row, enterprise.name, {
    answeredBy: contact ? (contact.dutyRole ? `${contact.dutyRole} ${contact.name ?? ''}`.trim() : contact.name) : null,
    ticketNumber: ticket?.number ?? null,
  })
}

/** Every other copy of the check-in's card shows the answer too (in place where the platform can). */
async function refreshCopies(deps: CoreDeps, id: number, card: CardModel, exceptCardId?: string) {
  const rows = await deps.db.sentCard.findMany({ where: { subject: checkinSubject(id) }, select: { id: true } })
  for (const { id: cardId } of rows) {
    if (cardId === exceptCardId) continue
    const sent = await findSentCard(deps.db, cardId)
    if (!sent) continue
    const push = deps.capabilities(sent.platform).inPlaceCardUpdate
    await updateSentCard(deps.db, cardId, sent.version, card, { push })
  }
}

export interface AnswerInput {
  checkinId: number
  answer: 'done' | 'problem'
  operator: Actor
  chat: ChatRef
  cardId?: string
}

export async function answerCheckin(deps: CoreDeps, input: AnswerInput): Promise<AnswerOutcome> {
  const row = await findCheckin(deps.db, input.checkinId)
  if (!row) return { ok: false, reason: 'not_found', message: '该检查已失效。' }
  const key = { platform: input.operator.platform, userId: input.operator.userId }
  const contact = await deps.db.contact.findUnique({ where: { platform_userId: key } })
  if (!contact || contact.enterpriseId !== row.enterpriseId || !contact.dutyRole) {
    return {
      ok: false,
      reason: 'not_allowed',
      message: '只有本企业的质量安全总监或质量安全员可以反馈该检查，操作未生效。',
    }
  }
  const now = deps.clock.now()
  const { count } = await deps.db.dutyCheckin.updateMany({
    where: { id: row.id, status: { in: ANSWERABLE } },
    data: { status: input.answer, answeredBy: contact.id, answeredAt: now },
  })
  if (!count) {
    const card = (await currentCheckinCard(deps.db, row.id))!
    return { ok: true, already: true, card, message: '该检查已反馈，无需重复操作。' }
  }
  let message = '已记录，感谢您的反馈。'
  if (input.answer === 'problem') {
    const enterprise = await deps.db.enterprise.findUniqueOrThrow({ where: { id: row.enterpriseId } })
    const opened = await openTicket(deps, {
      actor: input.operator,
      chat: input.chat,
      category: DUTY_CONFIG.problemCategory,
      description:
        `【${kindLabel(row.kind)}检查 ${periodLabel(row.kind, row.period)}】${enterprise.name}` +
        `${contact.dutyRole} ${contact.name ?? ''} 反馈自查发现问题，请联系企业了解详情并协助整改。`,
      phone: contact.phone ?? '',
    })
    await deps.db.dutyCheckin.update({ where: { id: row.id }, data: { ticketId: opened.ticket.id } })
    message = `已生成服务工单 ${opened.ticket.number}，质量管家将尽快与您联系。`
  }
  const card = (await currentCheckinCard(deps.db, row.id))!
  await refreshCopies(deps, row.id, card, input.cardId)
  return { ok: true, already: false, card, message }
}
