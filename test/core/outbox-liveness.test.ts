// The outbox keeps going on its own while rows are due (src/outbox/dispatcher.ts): one kick sends a backlog larger
// than a batch, at the app-wide rate, without a sweep; a row waiting for its retry goes out once its time has come,
// in queue order, not behind everything queued after it. These run on the real clock: the dispatcher's own timers
// move the work, the test only watches the platform.
import { afterEach, beforeEach, expect, test } from 'vitest'
import { systemClock } from '../../src/deps.ts'
import { enqueueMessage, enqueueMessages } from '../../src/outbox/outbox.repo.ts'
import { testCore } from '../helpers/core.ts'

let core: Awaited<ReturnType<typeof testCore>>
/** Date.now() of each successful delivery, in delivery order (parallel to core.port.delivered). */
let deliveredAt: number[]

beforeEach(async () => {
  core = await testCore()
  // The real clock: the dispatcher reads deps.clock at each use, so the timers it sets line up with its limits.
  core.deps.clock = systemClock
  deliveredAt = []
  const deliver = core.port.deliver.bind(core.port)
  core.port.deliver = async (message) => {
    const at = Date.now()
    const result = await deliver(message)
    if (result.ok) deliveredAt.push(at)
    return result
  }
})

afterEach(async () => {
  // Let a drain a timer started finish, and leave nothing for a timer to find once the database is closed.
  await core.deps.outbox.drain()
  await core.deps.db.outbox.updateMany({ where: { status: 'pending' }, data: { status: 'dead' } })
  await core.close()
})

const toChat = (chatId: string, text: string) => ({
  address: { platform: 'feishu' as const, chatId },
  body: { kind: 'text' as const, text },
})

/** Polls until `done()` holds, at most `timeoutMs`; `tick` runs at each look. */
async function until(done: () => boolean, timeoutMs: number, what: () => string, tick?: () => void) {
  const deadline = Date.now() + timeoutMs
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what()}`)
    tick?.()
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Messages to as many different chats, queued in one statement (in order) after the retried row. */
const newer = (count: number) => Array.from({ length: count }, (_, i) => toChat(`oc_new_${i}`, `新通知 ${i}`))

const delivered = (count: number) => () => `${core.port.delivered.length} of ${count} delivered`

/**
 * A row that failed once and waits for its retry. The platform asks for 3 s, longer than the first back-off (2 s
 * ± 20 %), so its retry time is exactly 3 s after the failure.
 */
async function failedOnce(chatId: string) {
  core.port.script.push({ ok: false, retryable: true, retryAfterMs: 3000, error: '99991400 rate limited' })
  const { outboxId } = await enqueueMessage(core.deps.db, toChat(chatId, '先排队的通知'))
  const failedAt = Date.now()
  await core.deps.outbox.drain()
  const row = await core.deps.db.outbox.findUniqueOrThrow({ where: { id: outboxId } })
  expect(row).toMatchObject({ status: 'pending', attempts: 1 })
  const due = row.nextAttemptAt.getTime()
  expect(due - failedAt).toBeGreaterThanOrEqual(3000)
  return { outboxId, due }
}

/** Waits (polling the clock) until `at`. */
const untilTime = (at: number) =>
  until(
    () => Date.now() >= at,
    Math.max(0, at - Date.now()) + 1000,
    () => 'clock',
  )

/** The scripted port allows 50 per second for the app; a delivery's timestamp is taken a moment after the
 * dispatcher's limiter counted it, so two timestamps may be that moment closer than the limiter's: allow for it. */
const APP_PER_SECOND = 50
const TIMESTAMP_SLACK_MS = 100

test('one kick sends a backlog larger than a batch, all of it, at no more than the app-wide rate', async () => {
  const count = 130
  for (let i = 0; i < count; i++) await enqueueMessage(core.deps.db, toChat(`oc_chat_${i}`, `通知 ${i}`))
  core.deps.outbox.kick()
  await until(() => core.port.delivered.length >= count, 15_000, delivered(count))

  expect(core.port.delivered).toHaveLength(count)
  expect(new Set(core.port.delivered.map((m) => m.id)).size).toBe(count)
  expect(await core.deps.db.outbox.count({ where: { status: 'sent' } })).toBe(count)
  // Queue order: the chats are served in the order their messages were queued.
  expect(core.port.delivered.map((m) => m.address.chatId)).toEqual(
    Array.from({ length: count }, (_, i) => `oc_chat_${i}`),
  )
  // No more than 50 in any one-second window: the 51st after any delivery comes (about) a second later.
  for (let i = 0; i + APP_PER_SECOND < deliveredAt.length; i++) {
    expect(deliveredAt[i + APP_PER_SECOND]! - deliveredAt[i]!).toBeGreaterThanOrEqual(1000 - TIMESTAMP_SLACK_MS)
  }
})

test('queue order beats retry starvation: a retried row goes out once its time has come, not after everything queued since', async () => {
  const retried = await failedOnce('oc_retry')
  // Rows queued after it, sent at 50 per second from 1.5 s before its retry time: three windows of 50, the retry
  // coming due during the second one.
  const count = 150
  await enqueueMessages(core.deps.db, newer(count))
  await untilTime(retried.due - 1500)
  // The rest of the bot keeps kicking the outbox as it queues replies (see the next test for an outbox left alone).
  await until(
    () => core.port.delivered.length >= count + 1,
    15_000,
    delivered(count + 1),
    () => core.deps.outbox.kick(),
  )

  expect(new Set(core.port.delivered.map((m) => m.id)).size).toBe(count + 1)
  const index = core.port.delivered.findIndex((m) => m.id === retried.outboxId)
  // Not before its time; and not starved behind the newer rows: many of them were still waiting when it went.
  expect(deliveredAt[index]!).toBeGreaterThanOrEqual(retried.due)
  expect(index).toBeGreaterThanOrEqual(0)
  expect(index).toBeLessThan(count - 10)
  expect(await core.deps.db.outbox.findUniqueOrThrow({ where: { id: retried.outboxId } })).toMatchObject({
    status: 'sent',
    attempts: 1,
  })
}, 30_000)

// A drain woken by a retry's time while the platform is still at its app-wide limit reads nothing: it must still
// wake up again when the hold ends (found by this test: the outbox used to stop there until the minute sweep).
test('a retry that comes due while the platform is held at its app-wide limit does not stop the outbox', async () => {
  const retried = await failedOnce('oc_retry')
  const count = 100
  await enqueueMessages(core.deps.db, newer(count))
  // One kick, 0.8 s before the retry time: 50 go at once, the other 50 and the retry wait for the hold to end
  // (about 0.2 s after the retry time).
  await untilTime(retried.due - 800)
  core.deps.outbox.kick()
  await until(() => core.port.delivered.length >= count + 1, retried.due + 6000 - Date.now(), delivered(count + 1))
  expect(new Set(core.port.delivered.map((m) => m.id)).size).toBe(count + 1)
}, 30_000)
