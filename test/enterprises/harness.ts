// The bot on the real server (ephemeral port, fresh SQLite file, movable clock), loaded with the demo enterprises,
// contacts and standards, and ways to talk to it as a console contact or to click a card as a staff member.
import { readFile } from 'node:fs/promises'
import { handleCardAction } from '../../src/bot/card-action.ts'
import type { CardActionResponse } from '../../src/bot/types.ts'
import type { CardModel } from '../../src/cards/model.ts'
import type { Db } from '../../src/db/client.ts'
import { contactsSeeder, enterprisesSeeder } from '../../src/features/enterprises/enterprises.seeder.ts'
import { saveStaff } from '../../src/features/staff/staff.repo.ts'
import type { StaffInput } from '../../src/features/staff/staff.schema.ts'
import { standardsSeeder } from '../../src/features/standards/standards.seeder.ts'
import { findSentCard } from '../../src/outbox/outbox.repo.ts'
import { createConsoleSession } from '../../src/platforms/console/receive.ts'
import { cardClickEvent } from '../helpers/actions.ts'
import { type MovableClock, movableClock } from '../helpers/clock.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'

export const DEMO = {
  shoes: '91330304MA2DEMX01A',
  autoParts: '91330304MA2DEMX02D',
  locks: '91330304MA2DEMX03G',
  glasses: '91330304MA2DEMX04K',
  apparel: '91330304MA2DEMX05N',
  precisionLocks: '91330304MA2DEMX06R',
  carParts: '91330304MA2DEMX07W',
} as const

export async function readDemo(file: string): Promise<unknown> {
  return JSON.parse(await readFile(new URL(`../../seed/demo/${file}`, import.meta.url), 'utf8'))
}

export async function seedDemo(db: Db) {
  for (const seeder of [enterprisesSeeder, contactsSeeder, standardsSeeder])
    await seeder.load(db, await readDemo(seeder.file))
}

export const STAFF_SHOES: StaffInput = { name: '王工', department: '质量发展科', industries: ['鞋服'] }
export const STAFF_LOCKS: StaffInput = { name: '陈工', department: '郭溪所', towns: ['郭溪街道'] }

export async function startBot(): Promise<Bot> {
  const clock = movableClock()
  const server = await startTestServer({ clock })
  await seedDemo(server.deps.db)
  for (const staff of [STAFF_SHOES, STAFF_LOCKS]) await saveStaff(server.deps.db, staff)
  return {
    server,
    clock,
    db: server.deps.db,
    session: (userId: string, name?: string) =>
      createConsoleSession(server.deps, server.console.inbox, { userId, name }),
    async staffCard(staffName: string): Promise<CardModel | null> {
      const row = await server.deps.db.sentCard.findFirst({
        where: { userId: staffName, template: 'binding-request' },
        orderBy: { createdAt: 'desc' },
      })
      return row ? ((await findSentCard(server.deps.db, row.id))?.model ?? null) : null
    },
    /** Clicks a button (by label) on a card as `userId`, the way a platform's card callback does. */
    async click(userId: string, card: CardModel, label: string): Promise<CardActionResponse> {
      const button = card.actions.find((b) => b.label === label)
      if (!button?.action) throw new Error(`no button ${label} on card ${card.template}`)
      const current = await findSentCard(server.deps.db, card.id!)
      const response = await handleCardAction(
        server.deps,
        cardClickEvent({
          receivedAt: clock.now(),
          operator: { platform: 'console', userId, name: userId },
          cardId: card.id,
          cardVersion: current?.version ?? card.version,
          action: button.action,
          value: button.value,
        }),
      )
      await server.deps.outbox.drain()
      return response
    },
    /** Text of everything delivered to a person (by user id) and not yet read, then forgets it. */
    inboxOf(userId: string): string[] {
      const all = server.console.inbox.take()
      return all
        .filter((m) => m.address.userId === userId)
        .map((m) => (m.body.kind === 'text' ? m.body.text : m.body.card.title))
    },
    close: () => server.close(),
  }
}

export interface Bot {
  server: TestServer
  clock: MovableClock
  db: Db
  session(userId: string, name?: string): ReturnType<typeof createConsoleSession>
  staffCard(staffName: string): Promise<CardModel | null>
  click(userId: string, card: CardModel, label: string): Promise<CardActionResponse>
  inboxOf(userId: string): string[]
  close(): Promise<void>
}
