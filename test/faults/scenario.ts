// The crash test (issue #21), against the black box: signed messages in over HTTP, answers out at a fake open
// platform, the production server `kill -9`ed at chosen moments and restarted on the same database. It measures
// what a person in the chats sees: every acknowledged message answered exactly once, the first answer after each
// restart, and how fast a backlog drains compared with the platform's app-wide limit. See README.md beside this file.
import { rmSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { postgresTestUrl } from '../helpers/db.ts'
import {
  type Delivery,
  type FaultKind,
  type FaultPlatform,
  type InboundMessage,
  type PlatformName,
  startPlatforms,
} from './platforms.ts'
import { freePort, type ServerProcess, spawnServer } from './server-process.ts'

/**
 * When the server is killed: `stream` in the middle of a steady inbound stream; `burst` the moment a burst has been
 * acknowledged (stored, not yet answered); `drain` while the outbox works through a backlog of answers.
 */
export type KillMoment = 'stream' | 'burst' | 'drain'

export interface ScenarioOptions {
  /** One platform, or several on one server (messages alternate; no `drain` moment then). */
  platform: PlatformName | PlatformName[]
  database: 'sqlite' | 'postgresql'
  /** The kills, in this order (each phase runs only if named). */
  moments: KillMoment[]
  /** The steady stream (phase `stream`). */
  streamRate?: number
  streamSeconds?: number
  /** Messages in the burst (phase `burst`). */
  burst?: number
  /** Messages whose answers make the backlog (phase `drain`); default: eight seconds of the app-wide limit. */
  backlog?: number
  /**
   * Send failures (5xx, rate limits, answers lost after delivery, dropped connections): false for none, a plan
   * naming the failure of the n-th message call, or by default `faultCycle`. Off during the `drain` phase.
   */
  faults?: false | ((index: number) => FaultKind | undefined)
  /** Before the burst, take the fake platform offline (connection refused) this long while answers are due; 0: no. */
  outageMs?: number
  /** From the kill to the new process (the guarantee says "within ~1 s"). */
  restartDelayMs?: number
  /** How long, at most, to wait for every acknowledged message to be answered, after the last restart. */
  answerWaitMs?: number
  /** Then how long no message call must come for the run to end (retries after lost answers come late). */
  quietMs?: number
  /** Progress lines. */
  log?: (line: string) => void
}

export interface KillReport {
  moment: KillMoment
  /** Seconds since the scenario started. */
  atS: number
  /** Acknowledged before the kill and not yet answered: what the restart owes. */
  pendingAtKill: number
  /** From the kill to the new process being spawned. */
  restartAfterMs: number
  /** From spawn to "listening" (tsx start-up, migrations, knowledge base, background thread). */
  startUpMs: number | null
  /** From the restart (spawn) to the first new answer, at the fake, to a message pending at the kill. */
  firstAnswerAfterRestartMs: number | null
  /** The same, from "listening". */
  firstAnswerAfterListeningMs: number | null
  /** From the restart until every message pending at the kill was answered. */
  allPendingAnsweredAfterRestartMs: number | null
  /** The same, from "listening". */
  allPendingAnsweredAfterListeningMs: number | null
}

export interface DrainSegment {
  rows: number
  seconds: number
  perSecond: number
}

export interface ScenarioReport {
  platform: string
  database: 'sqlite' | 'postgresql'
  moments: KillMoment[]
  /** The app-wide send limit the platform's port declares (the lowest, for several platforms). */
  limitPerSecond: number
  durationSeconds: number
  events: {
    sent: number
    acknowledged: number
    neverAcknowledged: number
    /** Pushes of the same event after the first (its acknowledgement was not received: server down or killed). */
    rePushes: number
    answered: number
    answeredOnce: number
    unanswered: number
  }
  duplicates: {
    /** Shown twice with no lost answer to explain it: always a failure. */
    unexplained: number
    /** DingTalk only: an earlier copy was delivered but its answer lost (injected), so the bot sent it again. */
    afterLostAnswer: number
    /** DingTalk only: an earlier copy reached the platform within KILL_IN_FLIGHT_MS before a kill -9. */
    afterKillMidSend: number
    /** Feishu only: sends repeated with the same uuid (after a lost answer or a kill), shown once by the platform. */
    absorbedByUuid: number
  }
  /** Messages in chats that belong to no message of ours. */
  strayMessages: number
  faults: Record<'failed' | 'reset' | 'lost' | 'stalled', number> & { outageMs: number }
  kills: KillReport[]
  drain: {
    limitPerSecond: number
    backlog: number
    beforeKill: DrainSegment | null
    afterRestart: DrainSegment | null
    /** afterRestart.perSecond / limitPerSecond. */
    ratioToLimit: number | null
    /** The most message calls (every attempt, failed ones too) the platform received in any one second. */
    peakCallsPerSecond: number
    /** When that second began (seconds since the scenario started). */
    peakAtS: number
  } | null
  /** Guarantees that failed, one line each (empty: all held). */
  failures: string[]
  logDir: string
}

/** A copy reaching the platform this close before a kill may not have been recorded as sent: sending it again is
 * the at-least-once delivery that DingTalk (no idempotency key) shows twice. */
export const KILL_IN_FLIGHT_MS = 2000
export const RECOVERY_LIMIT_MS = 10_000
/**
 * Every answer owed at a kill comes within RECOVERY_LIMIT_MS, plus the time the app-wide limit needs for them (twice
 * over), plus this much for the back-offs of injected failures: seconds, not the minutes of a stranded claim.
 */
export const ALL_OWED_SLACK_MS = 15_000
/** After a restart, a backlog drains at no less than this share of the app-wide limit. */
export const MIN_DRAIN_RATIO = 0.5

interface Tracked {
  n: number
  phase: string
  message: InboundMessage
  firstPushAt: number
  ackedAt?: number
  pushes: number
  lastProblem?: string
}

interface KillRecord {
  moment: KillMoment
  at: number
  pending: Set<string>
  restart: ServerProcess
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Cycles through the send failures: about one message call in six fails, each kind in turn. */
export function faultCycle(index: number): FaultKind | undefined {
  switch (index % 25) {
    case 3:
      return 'server_error'
    case 9:
      return 'rate_limited'
    case 15:
      return 'lost_answer'
    case 21:
      return 'reset'
    default:
      return undefined
  }
}

async function inPool<T>(items: T[], concurrency: number, run: (item: T) => Promise<void>) {
  let next = 0
  const worker = async () => {
    while (next < items.length) await run(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
}

/** Runs one scenario and reports what it saw; `failures` lists the guarantees that did not hold. */
export async function runScenario(options: ScenarioOptions): Promise<ScenarioReport> {
  const say = options.log ?? (() => {})
  const names = typeof options.platform === 'string' ? [options.platform] : options.platform
  if (names.length > 1 && options.moments.includes('drain')) throw new Error('the drain is measured on one platform')
  const platform = await startPlatforms(names)
  const tag = `${platform.name}-${options.database}-${Date.now().toString(36)}`
  const logDir = await mkdtemp(join(tmpdir(), `qsbot-faults-${platform.name}-${options.database}-`))
  const limit = platform.limitPerSecond
  const database =
    options.database === 'sqlite'
      ? {
          url: `file:${join(logDir, 'bot.db')}`,
          drop: async () => rmSync(join(logDir), { recursive: true, force: true }),
        }
      : await postgresTestUrl()
  const port = await freePort()
  const serverUrl = `http://127.0.0.1:${port}`
  const env = { ...platform.env(), DATABASE_URL: database.url, PORT: String(port) }
  const t0 = Date.now()
  const rel = (at: number) => ((at - t0) / 1000).toFixed(1)
  let incarnation = 0
  const spawn = () => spawnServer({ env, logFile: join(logDir, `server-${++incarnation}.log`) })

  const events: Tracked[] = []
  const byKey = new Map<string, Tracked>()
  const kills: KillRecord[] = []
  let outageMs = 0
  let pushDeadline = Number.POSITIVE_INFINITY
  let server = spawn()
  // The failures injected into message calls; and once, armed by the burst, a call the platform holds.
  const faults = options.faults === false ? undefined : (options.faults ?? faultCycle)
  let faultsOn = true
  let stallArmed = false
  const plan = (index: number): FaultKind | undefined => {
    if (!stallArmed) return faultsOn ? faults?.(index) : undefined
    stallArmed = false
    return 'stall'
  }

  const newEvent = (phase: string): Tracked => {
    const n = events.length + 1
    const tracked: Tracked = { n, phase, message: platform.message(n, tag), firstPushAt: 0, pushes: 0 }
    events.push(tracked)
    byKey.set(tracked.message.answerKey, tracked)
    return tracked
  }

  /** Pushes until the server acknowledges, as the platform does when it gets no 200 (re-pushes, same event id). */
  const pushUntilAcked = async (event: Tracked) => {
    event.firstPushAt = Date.now()
    let delay = 200
    while (Date.now() < pushDeadline) {
      event.pushes++
      try {
        const status = await event.message.push(serverUrl, AbortSignal.timeout(5000))
        if (status === 200) {
          event.ackedAt = Date.now()
          return
        }
        event.lastProblem = `HTTP ${status}`
      } catch (error) {
        event.lastProblem = String((error as Error).cause ?? error)
      }
      await sleep(delay)
      delay = Math.min(1000, delay * 1.5)
    }
  }

  const shown = () => platform.deliveries().filter((d) => d.shown)
  /** Answer key → time of its first shown answer. */
  const firstAnswers = () => {
    const first = new Map<string, number>()
    for (const d of shown()) if (d.key && !first.has(d.key)) first.set(d.key, d.at)
    return first
  }
  const unanswered = () => {
    const first = firstAnswers()
    return events.filter((e) => e.ackedAt !== undefined && !first.has(e.message.answerKey))
  }

  const killAndRestart = async (moment: KillMoment) => {
    const at = await server.kill9()
    const pending = new Set(
      unanswered()
        .filter((e) => e.ackedAt! <= at)
        .map((e) => e.message.answerKey),
    )
    const wait = (options.restartDelayMs ?? 500) - (Date.now() - at)
    if (wait > 0) await sleep(wait)
    server = spawn()
    kills.push({ moment, at, pending, restart: server })
    say(
      `  kill -9 (${moment}) at ${rel(at)} s with ${pending.size} answers owed; restarted at ${rel(server.spawnedAt)} s`,
    )
  }

  /** Waits until every acknowledged message is answered, at most `maxMs`. */
  const settle = async (maxMs: number) => {
    const until = Date.now() + maxMs
    while (Date.now() < until && unanswered().length > 0) await sleep(100)
  }

  const listening = async () => {
    await server.listening
  }

  try {
    await listening()
    say(`  ${platform.name} × ${options.database}: server up in ${server.listeningAt()! - server.spawnedAt} ms`)
    platform.setFaults(plan)

    if (options.moments.includes('stream')) {
      const rate = options.streamRate ?? 30
      const seconds = options.streamSeconds ?? 4
      const start = Date.now()
      const pushes: Promise<void>[] = []
      let killing: Promise<void> | undefined
      for (let i = 0; i < rate * seconds; i++) {
        const due = start + (i * 1000) / rate
        if (!killing && due >= start + seconds * 400) killing = killAndRestart('stream')
        const ahead = due - Date.now()
        if (ahead > 0) await sleep(ahead)
        pushes.push(pushUntilAcked(newEvent('stream')))
      }
      await killing
      await Promise.all(pushes)
      say(`  stream: ${rate * seconds} messages at ${rate}/s acknowledged by ${rel(Date.now())} s`)
    }

    if (options.outageMs) {
      await listening()
      await settle(15_000)
      // Answers fall due while the platform refuses connections: they are retried, not lost.
      const batch = Array.from({ length: 20 }, () => newEvent('outage'))
      const off = platform.offline(options.outageMs)
      outageMs += options.outageMs
      await inPool(batch, 20, pushUntilAcked)
      await off
      say(`  outage: the platform refused connections for ${options.outageMs} ms while 20 answers were due`)
    }

    if (options.moments.includes('burst')) {
      await listening()
      // One message answered first: the server has its token and has sent before, so the burst's first answer
      // call follows the recording of the first batch without delay.
      await pushUntilAcked(newEvent('warm-up'))
      await settle(15_000)
      const batch = Array.from({ length: options.burst ?? 60 }, () => newEvent('burst'))
      const stalled = () => platform.deliveries().filter((d) => d.fault === 'stalled').length
      const before = stalled()
      // The platform holds the burst's first answer call, posting nothing, until the server is killed: a row claimed
      // for sending dies with its sender, the rest of the burst is stored, claimed or queued, and nothing is answered.
      stallArmed = true
      await inPool(batch, batch.length, pushUntilAcked)
      const until = Date.now() + 5000
      while (Date.now() < until && stalled() === before) await sleep(2)
      stallArmed = false
      await killAndRestart('burst')
    }

    let backlog = 0
    if (options.moments.includes('drain')) {
      await listening()
      await settle(15_000)
      backlog = options.backlog ?? limit * 8
      // The drain rate is the outbox's own: no injected failures (their back-offs would decide it), kill aside.
      faultsOn = false
      const batch = Array.from({ length: backlog }, () => newEvent('drain'))
      const keys = new Set(batch.map((e) => e.message.answerKey))
      await inPool(batch, 50, pushUntilAcked)
      // Kill once about two seconds' worth has been sent, with the rest of the backlog still to go.
      const until = Date.now() + 20_000
      while (Date.now() < until && shown().filter((d) => d.key && keys.has(d.key)).length < limit * 2) await sleep(20)
      await killAndRestart('drain')
    }

    await listening().catch(() => {})
    const owed = unanswered().length
    const waitMs = options.answerWaitMs ?? 20_000 + Math.ceil((2000 * owed) / limit)
    say(`  waiting up to ${(waitMs / 1000).toFixed(0)} s for ${owed} answers still owed`)
    await settle(waitMs)
    pushDeadline = Date.now() // any push still going gives up now
    if (unanswered().length === 0) {
      // Retries still due (after a lost answer, a kill mid-send) would show up here: wait for a quiet spell.
      const quietMs = options.quietMs ?? 5000
      const until = Date.now() + 4 * quietMs
      while (Date.now() < until && Date.now() - Math.max(0, ...platform.deliveries().map((d) => d.at)) < quietMs)
        await sleep(100)
    }
    platform.setFaults(undefined)
    return buildReport({ ...options, limit, backlog, events, byKey, kills, outageMs, t0, logDir, fake: platform })
  } finally {
    pushDeadline = Date.now()
    await server.kill9().catch(() => 0) // measured: no need to wait for a clean stop
    await platform.close().catch(() => {})
    if (options.database === 'postgresql') await database.drop().catch(() => {})
    else for (const suffix of ['', '-wal', '-shm']) rmSync(join(logDir, `bot.db${suffix}`), { force: true })
  }
}

interface ReportInput extends ScenarioOptions {
  limit: number
  backlog: number
  events: Tracked[]
  byKey: Map<string, Tracked>
  kills: KillRecord[]
  outageMs: number
  t0: number
  logDir: string
  fake: FaultPlatform
}

function buildReport(input: ReportInput): ScenarioReport {
  const { events, byKey, kills, fake: platform, limit } = input
  const deliveries = platform.deliveries()
  const shown = deliveries.filter((d) => d.shown)
  const perKey = new Map<string, Delivery[]>()
  for (const d of deliveries) if (d.key && byKey.has(d.key)) perKey.set(d.key, [...(perKey.get(d.key) ?? []), d])
  const acked = events.filter((e) => e.ackedAt !== undefined)

  // Exactly once, as the chat sees it.
  const duplicates = { unexplained: 0, afterLostAnswer: 0, afterKillMidSend: 0, absorbedByUuid: 0 }
  let answered = 0
  let answeredOnce = 0
  for (const event of acked) {
    const calls = perKey.get(event.message.answerKey) ?? []
    const copies = calls.filter((d) => d.shown)
    if (copies.length) answered++
    if (copies.length === 1) answeredOnce++
    if (calls.some((d) => d.idempotent)) {
      duplicates.absorbedByUuid += calls.filter((d) => !d.shown && d.fault === undefined).length
      duplicates.unexplained += Math.max(0, copies.length - 1)
      continue
    }
    for (let i = 1; i < copies.length; i++) {
      const earlier = copies.slice(0, i)
      const copy = copies[i]!
      if (earlier.some((d) => d.fault === 'lost')) duplicates.afterLostAnswer++
      else if (
        earlier.some((d) => kills.some((k) => k.at >= d.at && k.at - d.at <= KILL_IN_FLIGHT_MS && copy.at > k.at))
      )
        duplicates.afterKillMidSend++
      else duplicates.unexplained++
    }
  }
  const strayMessages = shown.filter((d) => !d.key || !byKey.has(d.key)).length

  // The first answer after each restart, to a message that was owed at the kill.
  const killReports: KillReport[] = kills.map((kill) => {
    const spawnedAt = kill.restart.spawnedAt
    const listeningAt = kill.restart.listeningAt()
    const firstOwed = new Map<string, number>()
    for (const d of shown)
      if (d.key && kill.pending.has(d.key) && d.at > spawnedAt && !firstOwed.has(d.key)) firstOwed.set(d.key, d.at)
    const times = [...firstOwed.values()]
    const first = times.length ? Math.min(...times) : undefined
    const last = times.length && firstOwed.size === kill.pending.size ? Math.max(...times) : undefined
    return {
      moment: kill.moment,
      atS: Number(((kill.at - input.t0) / 1000).toFixed(2)),
      pendingAtKill: kill.pending.size,
      restartAfterMs: spawnedAt - kill.at,
      startUpMs: listeningAt === undefined ? null : listeningAt - spawnedAt,
      firstAnswerAfterRestartMs: first === undefined ? null : first - spawnedAt,
      firstAnswerAfterListeningMs: first === undefined || listeningAt === undefined ? null : first - listeningAt,
      allPendingAnsweredAfterRestartMs: last === undefined ? null : last - spawnedAt,
      allPendingAnsweredAfterListeningMs: last === undefined || listeningAt === undefined ? null : last - listeningAt,
    }
  })

  // The drain: rows shown per second while the backlog's answers are owed, before the kill and after the restart.
  let drain: ScenarioReport['drain'] = null
  const drainKill = kills.find((k) => k.moment === 'drain')
  if (drainKill) {
    const backlogKeys = new Set(events.filter((e) => e.phase === 'drain').map((e) => e.message.answerKey))
    const firstOf = new Map<string, number>()
    for (const d of shown) if (d.key && backlogKeys.has(d.key) && !firstOf.has(d.key)) firstOf.set(d.key, d.at)
    const segment = (from: number | undefined, to: number | undefined): DrainSegment | null => {
      if (from === undefined || to === undefined || to - from < 1000) return null
      const rows = shown.filter((d) => d.at >= from && d.at <= to).length
      const seconds = (to - from) / 1000
      return { rows, seconds: Number(seconds.toFixed(2)), perSecond: Number((rows / seconds).toFixed(1)) }
    }
    const beforeStart = [...firstOf.values()].filter((t) => t < drainKill.at).sort((a, b) => a - b)[0]
    const afterTimes = shown.filter((d) => d.at > drainKill.restart.spawnedAt).map((d) => d.at)
    const afterStart = afterTimes.length ? Math.min(...afterTimes) : undefined
    // The backlog lasts while at least a second's worth (the limit) of its answers is still owed.
    const owedTimes = [...backlogKeys].map((k) => firstOf.get(k) ?? Number.POSITIVE_INFINITY).sort((a, b) => a - b)
    const backlogEnd = owedTimes[owedTimes.length - limit]
    const afterEnd = backlogEnd === undefined || !Number.isFinite(backlogEnd) ? Date.now() : backlogEnd
    const afterRestart =
      afterStart === undefined
        ? { rows: 0, seconds: Number(((Date.now() - drainKill.restart.spawnedAt) / 1000).toFixed(2)), perSecond: 0 }
        : segment(afterStart, afterEnd)
    const calls = deliveries.map((d) => d.at).sort((a, b) => a - b)
    let peak = 0
    let peakAt = 0
    for (let i = 0, j = 0; i < calls.length; i++) {
      while (calls[i]! - calls[j]! >= 1000) j++
      if (i - j + 1 > peak) {
        peak = i - j + 1
        peakAt = calls[j]!
      }
    }
    drain = {
      limitPerSecond: limit,
      backlog: input.backlog,
      beforeKill: segment(beforeStart, drainKill.at),
      afterRestart,
      ratioToLimit: afterRestart ? Number((afterRestart.perSecond / limit).toFixed(2)) : null,
      peakCallsPerSecond: peak,
      peakAtS: Number(((peakAt - input.t0) / 1000).toFixed(2)),
    }
  }

  const report: ScenarioReport = {
    platform: platform.name,
    database: input.database,
    moments: input.moments,
    limitPerSecond: limit,
    durationSeconds: Number(((Date.now() - input.t0) / 1000).toFixed(1)),
    events: {
      sent: events.length,
      acknowledged: acked.length,
      neverAcknowledged: events.length - acked.length,
      rePushes: events.reduce((sum, e) => sum + Math.max(0, e.pushes - 1), 0),
      answered,
      answeredOnce,
      unanswered: acked.length - answered,
    },
    duplicates,
    strayMessages,
    faults: {
      failed: deliveries.filter((d) => d.fault === 'failed').length,
      reset: deliveries.filter((d) => d.fault === 'reset').length,
      lost: deliveries.filter((d) => d.fault === 'lost').length,
      stalled: deliveries.filter((d) => d.fault === 'stalled').length,
      outageMs: input.outageMs,
    },
    kills: killReports,
    drain,
    failures: [],
    logDir: input.logDir,
  }
  report.failures = checkGuarantees(report)
  return report
}

export interface GuaranteeOptions {
  /** Measure the first answer from the restart (spawn, the default) or from "listening" (start-up excluded). */
  recoveryFrom?: 'restart' | 'listening'
}

/** The guarantees of issue #21, each failure as one line with its figures. */
export function checkGuarantees(report: ScenarioReport, options: GuaranteeOptions = {}): string[] {
  const failures: string[] = []
  const { events, duplicates } = report
  if (events.neverAcknowledged)
    failures.push(`${events.neverAcknowledged} of ${events.sent} messages were never acknowledged`)
  if (events.unanswered)
    failures.push(`${events.unanswered} of ${events.acknowledged} acknowledged messages were never answered`)
  if (duplicates.unexplained)
    failures.push(`${duplicates.unexplained} answers shown twice without a lost answer to explain it`)
  if (report.strayMessages) failures.push(`${report.strayMessages} messages in chats answer nothing we sent`)
  for (const kill of report.kills) {
    if (kill.pendingAtKill === 0) continue
    const from = options.recoveryFrom ?? 'restart'
    const ms = from === 'restart' ? kill.firstAnswerAfterRestartMs : kill.firstAnswerAfterListeningMs
    if (ms === null || ms > RECOVERY_LIMIT_MS)
      failures.push(
        `after the kill -9 (${kill.moment}) with ${kill.pendingAtKill} answers owed, the first came ${ms === null ? 'never (within the wait)' : `${(ms / 1000).toFixed(1)} s`} after the ${from} (limit ${RECOVERY_LIMIT_MS / 1000} s)`,
      )
    const all = from === 'restart' ? kill.allPendingAnsweredAfterRestartMs : kill.allPendingAnsweredAfterListeningMs
    const allLimit = RECOVERY_LIMIT_MS + (2000 * kill.pendingAtKill) / report.limitPerSecond + ALL_OWED_SLACK_MS
    if (all !== null && all > allLimit)
      failures.push(
        `after the kill -9 (${kill.moment}) the last of ${kill.pendingAtKill} answers owed came ${(all / 1000).toFixed(1)} s after the ${from} (limit ${(allLimit / 1000).toFixed(1)} s)`,
      )
  }
  const drain = report.drain
  if (drain) {
    if (drain.afterRestart && drain.afterRestart.perSecond < drain.limitPerSecond * MIN_DRAIN_RATIO)
      failures.push(
        `the backlog drained at ${drain.afterRestart.perSecond}/s after the restart (${drain.afterRestart.rows} rows in ${drain.afterRestart.seconds} s), under ${MIN_DRAIN_RATIO} × the ${drain.limitPerSecond}/s limit`,
      )
    if (drain.peakCallsPerSecond > Math.ceil(drain.limitPerSecond * 1.1))
      failures.push(
        `${drain.peakCallsPerSecond} message calls in one second (from ${drain.peakAtS} s), over the ${drain.limitPerSecond}/s limit`,
      )
  }
  return failures
}

/** One line per figure, for the console. */
export function summarise(report: ScenarioReport): string {
  const e = report.events
  const d = report.duplicates
  const lines = [
    `${report.platform} × ${report.database}: ${e.sent} sent, ${e.acknowledged} acknowledged (${e.rePushes} re-pushes), ${e.answered} answered (${e.answeredOnce} exactly once), ${e.unanswered} unanswered; duplicates: ${d.unexplained} unexplained, ${d.afterLostAnswer} after lost answers, ${d.afterKillMidSend} after a kill mid-send, ${d.absorbedByUuid} absorbed by uuid; faults ${JSON.stringify(report.faults)}`,
    ...report.kills.map(
      (k) =>
        `  kill -9 (${k.moment}) at ${k.atS} s, ${k.pendingAtKill} owed: restart +${k.restartAfterMs} ms, start-up ${k.startUpMs ?? '—'} ms, first answer ${k.firstAnswerAfterRestartMs ?? 'never'} ms after the restart (${k.firstAnswerAfterListeningMs ?? '—'} ms after listening), all owed answered after ${k.allPendingAnsweredAfterRestartMs ?? '—'} ms`,
    ),
  ]
  if (report.drain) {
    const { beforeKill, afterRestart, limitPerSecond, peakCallsPerSecond, ratioToLimit } = report.drain
    const seg = (s: DrainSegment | null) => (s ? `${s.perSecond}/s (${s.rows} in ${s.seconds} s)` : '—')
    lines.push(
      `  drain (limit ${limitPerSecond}/s): before the kill ${seg(beforeKill)}, after the restart ${seg(afterRestart)} = ${ratioToLimit ?? '—'} × limit; peak ${peakCallsPerSecond} calls in a second`,
    )
  }
  lines.push(report.failures.length ? `  FAILED: ${report.failures.join('; ')}` : '  all guarantees held')
  return lines.join('\n')
}
