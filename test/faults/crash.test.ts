// The crash test, short (the full matrix is `npm run test:faults`, see README.md here): one server with Feishu and
// DingTalk both on, killed with kill -9 the moment a burst's processing shows and restarted on the same database;
// once on SQLite and once on PostgreSQL, side by side. Checked: every acknowledged message answered exactly once as
// the chat sees it, and the first answer owed at the kill soon after the restart. A few send failures are injected
// (an answer lost after delivery, a 500, a dropped connection). The recovery time is measured from "listening" here:
// start-up on a machine busy with the rest of the suite is not what is tested (the full run measures from the spawn).
import { describe, expect, test } from 'vitest'
import { postgresAvailable } from '../helpers/db.ts'
import type { FaultKind } from './platforms.ts'
import { checkGuarantees, runScenario, summarise } from './scenario.ts'

const pgUp = await postgresAvailable()
if (!pgUp) console.warn('\n!!! crash test on PostgreSQL SKIPPED: no PostgreSQL answers on 127.0.0.1:5432\n')

/** Failures for the first answer calls after the restart (the burst's first call is the kill's moment). */
const FAULTS: Record<number, FaultKind> = { 3: 'lost_answer', 5: 'server_error', 8: 'reset' }

describe.concurrent('kill -9 right after a burst is acknowledged', () => {
  for (const database of ['sqlite', 'postgresql'] as const) {
    const skip = database === 'postgresql' && !pgUp
    test.skipIf(skip)(
      `Feishu and DingTalk on ${database}: every message answered once, the first soon after the restart${skip ? ' (SKIPPED: no PostgreSQL)' : ''}`,
      async () => {
        const report = await runScenario({
          platform: ['feishu', 'dingtalk'],
          database,
          moments: ['burst'],
          burst: 40,
          faults: (index) => FAULTS[index],
          answerWaitMs: 20_000,
          quietMs: 1000,
        })
        expect(checkGuarantees(report, { recoveryFrom: 'listening' }), summarise(report)).toEqual([])
        expect(report.kills[0]!.pendingAtKill).toBeGreaterThan(0)
      },
      90_000,
    )
  }
})
