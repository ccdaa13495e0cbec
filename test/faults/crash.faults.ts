// `npm run test:faults`: the whole crash test of issue #21 for every platform × database. Each scenario streams
// signed messages in, makes the fake platform fail sends (5xx, rate limits, answers lost after delivery, dropped
// connections, a spell of refused connections) and kills the server with kill -9 three times: during the inbound
// stream, right after a burst was acknowledged, and while the outbox drains a backlog. The figures go to the
// console and to bench/results/faults.json; a broken guarantee fails the run.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { afterAll, expect, test } from 'vitest'
import { postgresAvailable } from '../helpers/db.ts'
import {
  ALL_OWED_SLACK_MS,
  KILL_IN_FLIGHT_MS,
  MIN_DRAIN_RATIO,
  RECOVERY_LIMIT_MS,
  runScenario,
  type ScenarioReport,
  summarise,
} from './scenario.ts'
import { REPO_ROOT, SERVER_DIR } from './server-process.ts'

const MATRIX = [
  ['feishu', 'sqlite'],
  ['feishu', 'postgresql'],
  ['dingtalk', 'sqlite'],
  ['dingtalk', 'postgresql'],
] as const

const pgUp = await postgresAvailable()
type Ran = ScenarioReport & { loadAverageAtStart: number }
const scenarios: Record<string, Ran | { skipped: string }> = {}

function git(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: SERVER_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return undefined
  }
}

/**
 * Which server code was measured: the commit (FAULTS_SERVER_COMMIT names it for an export), and whether src/ or
 * prisma/ had changes not yet committed.
 */
const server = {
  dir: SERVER_DIR === REPO_ROOT ? 'this checkout' : 'FAULTS_SERVER_DIR (an export of the commit)',
  commit: process.env.FAULTS_SERVER_COMMIT ?? git(['rev-parse', '--short', 'HEAD']) ?? 'not a git checkout',
  uncommittedChanges: (git(['status', '--porcelain', '--', 'src', 'prisma']) ?? '').split('\n').filter(Boolean).length,
}

function writeResults() {
  const ran = Object.values(scenarios).filter((s): s is Ran => 'failures' in s)
  const results = {
    bench: 'faults',
    at: new Date().toISOString(),
    node: process.version,
    server,
    note: "The production server (tsx src/runtime/node.ts, NODE_ENV=production, PROCESSING=thread) on a fixed port, against the fake open platform on 127.0.0.1. Per scenario: a warm start, then (1) 120 signed messages at 30/s with kill -9 of the whole process group 40% of the way through, (2) 20 messages answered while the platform refuses connections for 1 s, (3) one message answered, then a burst of 60, the platform holding its first answer call (posting nothing) and the server killed once all 60 are acknowledged and that call has arrived, (4) a backlog of 8 s of the app-wide limit (no injected failures in this phase) killed after 2 s of it was shown; each restart on the same database 0.5 s after the kill. Unacknowledged messages are pushed again (same event id) until acknowledged. About one message call in six fails (500/503, 429 with the platform's reset header, an answer lost after delivery as a 500 or a dropped connection, a dropped connection before delivery). Each message is tied to its answer by the inbound message id (Feishu reply path) or a group of its own (DingTalk). firstAnswerAfterRestartMs: from spawning the new process to the first new answer, at the fake, to a message acknowledged before the kill and not answered then (start-up included; startUpMs says how much of it). drain.afterRestart: rows shown per second from the first delivery after the last restart until less than a second's worth (the limit) of the backlog is owed. DingTalk robot sends have no idempotency key: a copy shown twice is counted apart when an earlier copy's answer was lost (afterLostAnswer) or it reached the platform within killInFlightMs before a kill (afterKillMidSend); any other duplicate, and any on Feishu (which shows a repeated uuid once), is a failure.",
    guarantees: {
      everyAcknowledgedAnsweredExactlyOnce: true,
      firstAnswerAfterRestartWithinMs: RECOVERY_LIMIT_MS,
      allOwedAnsweredWithinMs: `${RECOVERY_LIMIT_MS} + 2000 × owed / limit + ${ALL_OWED_SLACK_MS}`,
      drainAtLeastShareOfLimit: MIN_DRAIN_RATIO,
      killInFlightMs: KILL_IN_FLIGHT_MS,
    },
    allHeld: ran.length > 0 && ran.every((s) => s.failures.length === 0),
    scenarios,
  }
  writeFileSync(new URL('../../bench/results/faults.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`)
}

afterAll(() => {
  if (Object.keys(scenarios).length) writeResults()
})

for (const [platform, database] of MATRIX) {
  const name = `${platform} × ${database}`
  const skip = database === 'postgresql' && !pgUp
  test.skipIf(skip)(
    skip ? `${name} (SKIPPED: no PostgreSQL answers on 127.0.0.1:5432)` : `${name}: answered once, fast, after kill -9`,
    async () => {
      const loadAverageAtStart = Number(loadavg()[0]!.toFixed(2))
      console.log(
        `\n== ${name} (server ${server.commit}, ${server.uncommittedChanges} uncommitted changes; load ${loadAverageAtStart})`,
      )
      const report = await runScenario({
        platform,
        database,
        moments: ['stream', 'burst', 'drain'],
        outageMs: 1000,
        log: (line) => console.log(line),
      })
      scenarios[name] = { ...report, loadAverageAtStart }
      writeResults()
      console.log(summarise(report))
      expect(report.failures, summarise(report)).toEqual([])
    },
  )
  if (skip) {
    console.warn(`\n!!! ${name} SKIPPED: no PostgreSQL answers on 127.0.0.1:5432 (see test/helpers/db.ts)\n`)
    scenarios[name] = { skipped: 'no PostgreSQL on 127.0.0.1:5432' }
  }
}
