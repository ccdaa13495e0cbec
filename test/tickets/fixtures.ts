// Shared set-up for the ticket tests: fictional staff, one bound enterprise contact, and simulator helpers.
import type { CardActionEvent } from '../../src/bot/types.ts'
import type { CoreDeps } from '../../src/deps.ts'
import { loadStaffFile } from '../../src/features/staff/staff.repo.ts'
import { cardClickEvent } from '../helpers/actions.ts'

export const STAFF = {
  assignee: '李工',
  other: '张工',
  official: '认证科长',
  official2: '认证副科长',
}

export async function seedPeople(deps: CoreDeps, ids: { feishu?: boolean } = {}) {
  const fs = (id: string) => (ids.feishu ? { identities: { feishu: id } } : {})
  await loadStaffFile(deps.db, {
    staff: [
      { name: STAFF.assignee, department: '认证检测科', categories: ['testing', 'fee_waiver'], ...fs('ou_assignee') },
      { name: STAFF.other, department: '计量科', categories: ['metrology'], ...fs('ou_other') },
      { name: STAFF.official, department: '认证检测科', role: 'official', isLead: true, ...fs('ou_official') },
      { name: STAFF.official2, department: '认证检测科', role: 'official', ...fs('ou_official2') },
    ],
  })
  const enterprise = await deps.db.enterprise.create({
    data: { name: '示例鞋业有限公司（演示）', creditCode: '91330304MA2TEST01X', industry: '鞋服', town: '娄桥街道' },
  })
  return enterprise
}

export async function bindContact(deps: CoreDeps, platform: string, userId: string, enterpriseId: number) {
  return deps.db.contact.create({ data: { platform, userId, name: '企业联系人', enterpriseId, boundAt: new Date() } })
}

export interface Turn {
  intent: string
  text: string
  others: { to: string; text: string }[]
}

export function simulator(url: string) {
  return async (userId: string, text: string): Promise<Turn> => {
    const res = await fetch(`${url}/simulator/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId, text }),
    })
    if (!res.ok) throw new Error(`simulator ${res.status}: ${await res.text()}`)
    return (await res.json()) as Turn
  }
}

/**
 * The number of the button labelled `label` in a console turn (`[3] 需要审批`), on the card that mentions
 * `within` (a ticket number) when given: a turn may show several cards.
 */
export function button(turn: Turn, label: string, within?: string): string {
  const parts = turn.text.split('\n\n').filter((part) => !within || part.includes(within))
  for (const part of parts) {
    const match = new RegExp(`\\[(\\d+)\\] ${label}`).exec(part)
    if (match) return match[1]!
  }
  throw new Error(`no button ${label}${within ? ` on ${within}` : ''} in:\n${turn.text}`)
}

/** A console click as another person would make it in the same chat (the simulator only clicks as itself). */
export function clickAs(
  operator: string,
  card: { id: string; version: number; chatId: string },
  action: string,
  value: Record<string, unknown>,
  receivedAt: Date,
): CardActionEvent {
  return cardClickEvent({
    chat: { platform: 'console', chatId: card.chatId, chatType: 'p2p' },
    receivedAt,
    operator: { platform: 'console', userId: operator },
    cardId: card.id,
    cardVersion: card.version,
    action,
    value,
  })
}
