// A busy database never loses an answer silently. Another connection holds the lock a decision needs (SQLite: the
// single write lock, as the background thread or a CLI process would; PostgreSQL: the ticket's row) while an
// official replies “1”, clicks a card, and a contact sends a message. Each is answered: done once when the lock
// comes free in time, or the person is told to try again — never a decision without its answer.
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { CLICK_NOT_DONE_TEXT } from '../../src/bot/card-action.ts'
import { LOCK_WAIT_MS } from '../../src/db/node-db.ts'
import { type FakeDingtalk, startFakeDingtalk } from '../fakes/dingtalk/server.ts'
import { postgresAvailable } from '../helpers/db.ts'
import { startDingtalkServer } from '../helpers/dingtalk.ts'
import { type TestServer, waitFor } from '../helpers/server.ts'
import { DT, dingtalkChat, seedDingtalkPeople } from './chat.ts'

let fake: FakeDingtalk | undefined
let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  await fake?.close()
  server = fake = undefined
})

type Kind = 'sqlite' | 'postgresql'
const pgUp = await postgresAvailable()
if (!pgUp) console.warn('SKIPPED: busy-database tests on PostgreSQL (no server on 127.0.0.1:5432)')

async function start(kind: Kind, env: Record<string, string> = {}) {
  fake = await startFakeDingtalk()
  const logs: string[] = []
  const current = await startDingtalkServer(fake, env, { database: kind, logs })
  server = current
  // As the production thread that answers people: a short wait for the lock inside SQLite, then retries.
  if (kind === 'sqlite') await current.deps.db.$queryRawUnsafe(`PRAGMA busy_timeout = ${LOCK_WAIT_MS}`)
  await seedDingtalkPeople(current)
  return { chat: dingtalkChat(current, fake), logs, server: current, fake }
}

/** Another connection holds the lock for `ms`: SQLite's write lock, or the ticket's row on PostgreSQL. */
async function holdLock(kind: Kind, url: string, ticketId: number, ms: number): Promise<{ released: Promise<void> }> {
  if (kind === 'sqlite') {
    const other = new Database(url.replace(/^file:/, ''))
    other.prepare('BEGIN IMMEDIATE').run()
    other.prepare('UPDATE "Ticket" SET "updatedAt" = "updatedAt" WHERE id = ?').run(ticketId)
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        other.prepare('COMMIT').run()
        other.close()
        resolve()
      }, ms),
    )
    return { released }
  }
  const other = new pg.Client({ connectionString: url })
  await other.connect()
  await other.query('BEGIN')
  await other.query('SELECT id FROM "Ticket" WHERE id = $1 FOR UPDATE', [ticketId])
  const released = new Promise<void>((resolve) =>
    setTimeout(async () => {
      await other.query('COMMIT')
      await other.end()
      resolve()
    }, ms),
  )
  return { released }
}

type Started = Awaited<ReturnType<typeof start>>

/** The contact applies for a fee waiver; the assignee asks for approval: a ticket waits for 认证科长's decision. */
async function ticketAwaitingApproval({ chat, server }: Started, withTemplate: boolean) {
  await chat.say(DT.contact, '申请检验检测费用减免')
  for (const line of ['今年送检鞋类产品的检验检测费用申请减免', '138 1234 5678', '无']) await chat.say(DT.contact, line)
  const ticket = await server.deps.db.ticket.findFirstOrThrow()
  if (withTemplate) {
    const task = await chat.latestCard('ticket-task', DT.assignee)
    await chat.click(DT.assignee, task.id, 3)
  } else {
    await waitFor(() => chat.textsTo(DT.assignee).find((t) => t.includes('需要审批')))
    await chat.say(DT.assignee, '3')
  }
  return server.deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })
}

const decisions = (s: Started, ticketId: number) =>
  s.server.deps.db.ticketEvent.count({ where: { ticketId, action: { in: ['approved', 'rejected'] } } })

/**
 * Log lines of write errors that nobody acted on: an answer that reached no one, or processing or delivery that
 * gave up. (A refused press told directly, because the outbox could not be written either, is not one of them.)
 */
const swallowed = (logs: string[]) =>
  logs.filter((line) => /answer lost|stored events failed|drain failed|event processing failed/.test(line))

describe.each([['sqlite'], ['postgresql']] as const)('a busy database on %s', (kind) => {
  it.skipIf(kind === 'postgresql' && !pgUp)(
    'numbered replies and messages: told to try again while the lock is held too long, done once after',
    async () => {
      const s = await start(kind)
      const ticket = await ticketAwaitingApproval(s, false)
      expect(ticket.status).toBe('pending_approval')
      await waitFor(() => s.chat.textsTo(DT.official).find((t) => t.includes('工单审批')))
      const officialBefore = s.chat.textsTo(DT.official).length
      const contactBefore = s.chat.textsTo(DT.contact).length

      // Held for longer than a click may wait (the platform's deadline): the press is refused, truthfully.
      const { released } = await holdLock(kind, s.server.config.env.DATABASE_URL, ticket.id, 3000)
      await Promise.all([s.chat.say(DT.official, '1'), s.chat.say(DT.contact, '帮助')])
      await released
      await s.chat.settle()
      const told = s.chat.textsTo(DT.official, officialBefore)
      expect(told).toEqual([CLICK_NOT_DONE_TEXT])
      const unchanged = await s.server.deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })
      expect(unchanged).toMatchObject({ status: 'pending_approval', version: ticket.version })
      expect(await decisions(s, ticket.id)).toBe(0)
      // The message sent meanwhile was taken and answered once.
      await waitFor(() => s.chat.sentTo(DT.contact).length > contactBefore, 10_000, 'the contact is answered')
      await s.chat.settle()
      expect(s.chat.sentTo(DT.contact).length).toBe(contactBefore + 1)

      // A shorter hold: the press waits for the lock and is done, once, with its answer.
      const { released: shortHold } = await holdLock(kind, s.server.config.env.DATABASE_URL, ticket.id, 500)
      const before = s.chat.textsTo(DT.official).length
      await s.chat.say(DT.official, '1')
      await shortHold
      await s.chat.settle()
      const answer = s.chat.textsTo(DT.official, before)
      expect(answer).toContain('已同意。')
      expect(answer.find((t) => t.includes('工单审批'))).toContain('已同意 · 认证科长')
      expect(await decisions(s, ticket.id)).toBe(1)
      expect(swallowed(s.logs)).toEqual([])
    },
    40_000,
  )

  it.skipIf(kind === 'postgresql' && !pgUp)(
    'card clicks: the click is refused with the truth while the lock is held too long, and decided once after',
    async () => {
      const s = await start(kind, { DINGTALK_CARD_TEMPLATE_ID: 'generic-card.schema' })
      const ticket = await ticketAwaitingApproval(s, true)
      expect(ticket.status).toBe('pending_approval')
      const card = await s.chat.latestCard('ticket-approval', DT.official)
      const original = { ...s.fake.cards.get(card.id)!.cardParamMap }

      const { released } = await holdLock(kind, s.server.config.env.DATABASE_URL, ticket.id, 3000)
      const refused = await s.chat.click(DT.official, card.id, 1, original)
      await released
      expect(refused.status).toBe(200)
      expect(refused.map.notice).toBe(CLICK_NOT_DONE_TEXT)
      expect(await decisions(s, ticket.id)).toBe(0)

      const approved = await s.chat.click(DT.official, card.id, 1, original)
      expect(approved.map).toMatchObject({ notice: '已同意。', btn1_show: 'false' })
      expect(await decisions(s, ticket.id)).toBe(1)
      expect(swallowed(s.logs)).toEqual([])
    },
    40_000,
  )
})
