// Claims that die with their owner (src/bot/incarnation.ts) and one unit of work per event (src/bot/unit-of-work.ts):
// a dead owner's claims are taken back at once and handled once; a live owner keeps its claims; an owner whose claim
// was taken over records nothing; a handler that fails leaves no trace of its writes. On SQLite and on PostgreSQL
// (skipped, with a visible message, only when no PostgreSQL server answers).
import { describe, expect, test } from 'vitest'
import { createIncarnation, type HostProcess, LEASE_MS, takeOverStranded } from '../../src/bot/incarnation.ts'
import { acceptEvent, processPendingEvents, retryFailedEvents } from '../../src/bot/pipeline.ts'
import type { MessageEvent } from '../../src/bot/types.ts'
import type { CoreDeps } from '../../src/deps.ts'
import { enqueueMessage } from '../../src/outbox/outbox.repo.ts'
import { testCore } from '../helpers/core.ts'
import { PG_SERVER_URL, postgresAvailable } from '../helpers/db.ts'

const pgUp = await postgresAvailable()
if (!pgUp) console.warn(`\n⚠ PostgreSQL claim tests SKIPPED: no server answers at ${PG_SERVER_URL}\n`)

type Core = Awaited<ReturnType<typeof testCore>>

async function withCore(kind: 'sqlite' | 'postgresql', body: (core: Core) => Promise<void>) {
  const core = await testCore(kind)
  try {
    // Events are only stored, as when the process that received them died before handling them.
    core.deps.processLater = () => {}
    await body(core)
  } finally {
    await core.close()
  }
}

const chat = { platform: 'feishu' as const, chatId: 'oc_group', chatType: 'group' as const }
const message = (eventId: string, text = '帮助'): MessageEvent => ({
  kind: 'message',
  eventId,
  platform: 'feishu',
  chat,
  sender: { platform: 'feishu', userId: 'ou_user' },
  text,
  reply: { messageId: `om_${eventId}` },
  receivedAt: new Date(),
})

/** Stores an event (not processed) and returns its row id. */
async function stored(deps: CoreDeps, eventId: string): Promise<number> {
  expect(await acceptEvent(deps, message(eventId))).toEqual({ status: 'accepted' })
  const row = await deps.db.inboundEvent.findUniqueOrThrow({
    where: { platform_eventId: { platform: 'feishu', eventId } },
  })
  return row.id
}

/** What a claimer does: the event is `processing`, named after it. */
const claimEvent = (deps: CoreDeps, id: number, by: string) =>
  deps.db.inboundEvent.update({
    where: { id },
    data: { status: 'processing', claimedBy: by, attempts: { increment: 1 } },
  })

/** A message queued and claimed for sending by `by`, which never recorded the outcome. */
async function claimedMessage(deps: CoreDeps, chatId: string, by: string): Promise<number> {
  const { outboxId } = await enqueueMessage(deps.db, {
    address: { platform: 'feishu', chatId },
    body: { kind: 'text', text: `通知 ${chatId}` },
  })
  await deps.db.outbox.update({
    where: { id: outboxId },
    data: { status: 'sending', claimedBy: by, claimedAt: new Date() },
  })
  return outboxId
}

const eventsById = async (deps: CoreDeps) =>
  new Map((await deps.db.inboundEvent.findMany()).map((row) => [row.eventId, row]))

const repliedTo = (core: Core) => core.port.delivered.map((m) => m.reply?.messageId).filter(Boolean)
const deliveredTo = (core: Core) => core.port.delivered.map((m) => m.address.chatId)

/** An enterprise row: a handler's own effect, written through the unit's database. */
const effect = (deps: CoreDeps, n: number) =>
  deps.db.enterprise.create({
    data: { name: `效果企业 ${n}`, creditCode: `EFFECT${String(n).padStart(12, '0')}`, industry: '其他' },
  })

describe.each([['sqlite'], ['postgresql']] as const)('claims on %s', (kind) => {
  const run = kind === 'postgresql' && !pgUp ? test.skip : test

  run('a dead owner’s claims are taken back at once and handled once; a live owner keeps its claims', async () => {
    await withCore(kind, async (core) => {
      const { deps } = core
      const [e1, e2, e3, e4] = [
        await stored(deps, 'ev-1'),
        await stored(deps, 'ev-2'),
        await stored(deps, 'ev-3'),
        await stored(deps, 'ev-4'),
      ] as const

      // The previous run: it claimed two events and a message, then its row went away (it ended its lease).
      const previous = createIncarnation(deps.db, 'core', deps.log)
      await previous.touch()
      await claimEvent(deps, e1, previous.id)
      await claimEvent(deps, e2, previous.id)
      const stranded = await claimedMessage(deps, 'oc_stranded', previous.id)
      await previous.stop()
      // Another that crashed: its row is still there, but its lease lapsed a while ago.
      const crashed = createIncarnation(deps.db, 'background', deps.log)
      await crashed.touch()
      await claimEvent(deps, e3, crashed.id)
      await deps.db.incarnation.update({ where: { id: crashed.id }, data: { leaseUntil: new Date(Date.now() - 1000) } })
      // A live instance elsewhere, busy with an event and a message: not ours to take.
      const live = createIncarnation(deps.db, 'core', deps.log)
      await live.touch()
      await claimEvent(deps, e4, live.id)
      const busy = await claimedMessage(deps, 'oc_busy', live.id)
      const liveRow = await deps.db.incarnation.findUniqueOrThrow({ where: { id: live.id } })
      expect(liveRow.leaseUntil.getTime()).toBeGreaterThan(Date.now())

      let processCalls = 0
      const taken = await takeOverStranded(deps, { process: () => void processCalls++ })
      expect(taken).toEqual({ events: 3, messages: 1 })
      expect(processCalls).toBe(1)

      let events = await eventsById(deps)
      for (const eventId of ['ev-1', 'ev-2', 'ev-3'])
        expect(events.get(eventId)).toMatchObject({ status: 'received', claimedBy: null })
      expect(events.get('ev-4')).toMatchObject({ status: 'processing', claimedBy: live.id })
      expect(await deps.db.outbox.findUniqueOrThrow({ where: { id: stranded } })).toMatchObject({
        status: 'pending',
        claimedBy: null,
        claimedAt: null,
      })
      expect(await deps.db.outbox.findUniqueOrThrow({ where: { id: busy } })).toMatchObject({
        status: 'sending',
        claimedBy: live.id,
      })

      // Handled once, answered once; the live instance's work is left alone.
      expect(await processPendingEvents(deps)).toBe(3)
      await core.idle()
      await deps.outbox.drain()
      expect(repliedTo(core).sort()).toEqual(['om_ev-1', 'om_ev-2', 'om_ev-3'])
      expect(deliveredTo(core).filter((id) => id === 'oc_stranded')).toHaveLength(1)
      expect(deliveredTo(core)).not.toContain('oc_busy')
      events = await eventsById(deps)
      for (const eventId of ['ev-1', 'ev-2', 'ev-3']) expect(events.get(eventId)?.status).toBe('processed')
      expect(events.get('ev-4')).toMatchObject({ status: 'processing', claimedBy: live.id })

      // Looking again changes nothing: nothing is handled or sent twice.
      expect(await takeOverStranded(deps, { process: () => void processCalls++ })).toEqual({ events: 0, messages: 0 })
      expect(await processPendingEvents(deps)).toBe(0)
      await core.idle()
      expect(await deps.outbox.drain()).toBe(0)
      expect(core.port.delivered).toHaveLength(4)
      expect(new Set(core.port.delivered.map((m) => m.id)).size).toBe(4)
      await live.stop()
    })
  })

  run('an owner whose claim was taken over records nothing: no effect, no reply, no processed mark', async () => {
    await withCore(kind, async (core) => {
      const { deps } = core
      const root = deps.db
      const help = deps.handlers.messages.get('help')!
      const id = await stored(deps, 'ev-fenced')
      const successor = createIncarnation(root, 'core', deps.log)
      await successor.touch()
      let calls = 0
      deps.handlers.messages.set('help', {
        intent: 'help',
        handle: async (ctx) => {
          calls++
          if (calls === 1) {
            // While this handler runs, its owner is judged gone and another instance claims the event.
            await root.inboundEvent.update({ where: { id }, data: { status: 'processing', claimedBy: successor.id } })
          }
          await effect(ctx.deps, calls)
          return help.handle(ctx)
        },
      })

      expect(await processPendingEvents(deps)).toBe(0)
      expect(calls).toBe(1)
      expect(await root.inboundEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: 'processing',
        claimedBy: successor.id,
        processedAt: null,
      })
      expect(await root.enterprise.count()).toBe(0)
      expect(await root.outbox.count()).toBe(0)
      await core.idle()
      await deps.outbox.drain()
      expect(core.port.delivered).toHaveLength(0)

      // The successor dies in turn: the event comes back and is handled once, with one effect and one reply.
      await successor.stop()
      expect(await takeOverStranded(deps, { process: () => {} })).toEqual({ events: 1, messages: 0 })
      expect(await processPendingEvents(deps)).toBe(1)
      await core.idle()
      await deps.outbox.drain()
      expect(await root.inboundEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: 'processed',
        claimedBy: null,
      })
      expect((await root.enterprise.findMany()).map((e) => e.name)).toEqual(['效果企业 2'])
      expect(repliedTo(core)).toEqual(['om_ev-fenced'])
    })
  })

  run('a handler that writes and then fails leaves no trace; the event is retried later, answered once', async () => {
    await withCore(kind, async (core) => {
      const { deps } = core
      const help = deps.handlers.messages.get('help')!
      let calls = 0
      deps.handlers.messages.set('help', {
        intent: 'help',
        handle: async (ctx) => {
          calls++
          await effect(ctx.deps, calls)
          if (calls === 1) throw new Error('downstream hiccup after the write')
          return help.handle(ctx)
        },
      })
      const id = await stored(deps, 'ev-throws')

      expect(await processPendingEvents(deps)).toBe(0)
      const failed = await deps.db.inboundEvent.findUniqueOrThrow({ where: { id } })
      expect(failed).toMatchObject({ status: 'failed', attempts: 1, claimedBy: null, processedAt: null })
      expect(failed.lastError).toMatch(/downstream hiccup/)
      expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(core.clock.now().getTime())
      expect(await deps.db.enterprise.count()).toBe(0)
      expect(await deps.db.outbox.count()).toBe(0)
      await core.idle()
      await deps.outbox.drain()
      expect(core.port.delivered).toHaveLength(0)

      // Its retry time comes: handled once, with its one effect and its one reply.
      core.clock.advance(60_000)
      expect(await retryFailedEvents(deps)).toBe(1)
      await core.idle()
      await deps.outbox.drain()
      expect(await deps.db.inboundEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: 'processed',
        attempts: 2,
      })
      expect((await deps.db.enterprise.findMany()).map((e) => e.name)).toEqual(['效果企业 2'])
      expect(repliedTo(core)).toEqual(['om_ev-throws'])
    })
  })
})

test('a dead process on this host is recognised by its pid at once, though its lease has not lapsed', async () => {
  await withCore('sqlite', async (core) => {
    const { deps } = core
    const now = Date.now()
    const ourStart = now - 10_000
    // This process restarted with pid 200 (a container reuses pids); pid 100 is gone, every other pid lives.
    const host: HostProcess = { host: 'box-1', pid: 200, startedAt: ourStart, alive: (pid) => pid !== 100 }
    deps.incarnation = createIncarnation(deps.db, 'main', deps.log, host)
    const leaseUntil = new Date(now + LEASE_MS)
    const earlier = new Date(ourStart - 60_000)
    await deps.db.incarnation.createMany({
      data: [
        // The predecessor, killed: its pid is gone.
        { id: 'main:dead-pid', host: 'box-1', pid: 100, role: 'main', startedAt: earlier, leaseUntil },
        // A predecessor with the pid we now have, started before us: the pid was reused.
        { id: 'main:reused-pid', host: 'box-1', pid: 200, role: 'main', startedAt: earlier, leaseUntil },
        // Our own background thread: our pid, started after us.
        { id: 'background:ours', host: 'box-1', pid: 200, role: 'background', startedAt: new Date(now), leaseUntil },
        // Another live process on this host.
        { id: 'main:neighbour', host: 'box-1', pid: 300, role: 'main', startedAt: earlier, leaseUntil },
        // Pid 100 on another host is another process altogether.
        { id: 'main:elsewhere', host: 'box-2', pid: 100, role: 'main', startedAt: earlier, leaseUntil },
      ],
    })
    const owners = ['main:dead-pid', 'main:reused-pid', 'background:ours', 'main:neighbour', 'main:elsewhere']
    for (const owner of owners) await claimEvent(deps, await stored(deps, `ev-${owner}`), owner)
    const deadMessage = await claimedMessage(deps, 'oc_dead', 'main:dead-pid')
    const reusedMessage = await claimedMessage(deps, 'oc_reused', 'main:reused-pid')
    const liveMessage = await claimedMessage(deps, 'oc_neighbour', 'main:neighbour')

    expect(await takeOverStranded(deps, { process: () => {} })).toEqual({ events: 2, messages: 2 })
    const events = await eventsById(deps)
    for (const owner of ['main:dead-pid', 'main:reused-pid'])
      expect(events.get(`ev-${owner}`)).toMatchObject({ status: 'received', claimedBy: null })
    for (const owner of ['background:ours', 'main:neighbour', 'main:elsewhere'])
      expect(events.get(`ev-${owner}`)).toMatchObject({ status: 'processing', claimedBy: owner })
    const statusOf = async (id: number) => (await deps.db.outbox.findUniqueOrThrow({ where: { id } })).status
    expect(await statusOf(liveMessage)).toBe('sending')
    // The dead ones' leases are ended; the living keep theirs.
    const remaining = (await deps.db.incarnation.findMany()).map((row) => row.id).sort()
    expect(remaining).toEqual(['background:ours', 'main:elsewhere', 'main:neighbour', deps.incarnation.id].sort())

    // What the user sees: the two taken-back events answered once, the two messages delivered once.
    expect(await processPendingEvents(deps)).toBe(2)
    await core.idle()
    await deps.outbox.drain()
    expect(await statusOf(deadMessage)).toBe('sent')
    expect(await statusOf(reusedMessage)).toBe('sent')
    expect(repliedTo(core).sort()).toEqual(['om_ev-main:dead-pid', 'om_ev-main:reused-pid'])
    expect(deliveredTo(core).sort()).toEqual(['oc_dead', 'oc_group', 'oc_group', 'oc_reused'])
  })
})
