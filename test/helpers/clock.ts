// The one movable test clock. A fixed start (the default, a Tuesday morning in Wenzhou) for tests of dates and
// expiries; `'now'` for tests whose requests are signed with real timestamps (the clock then runs with real time,
// moved forward by whatever was advanced).
import type { Clock } from '../../src/deps.ts'

export const TEST_START = new Date('2026-11-24T02:00:00Z')

export interface MovableClock extends Clock {
  advance(ms: number): void
}

export function movableClock(start: Date | 'now' = TEST_START): MovableClock {
  const base = start === 'now' ? undefined : start.getTime()
  let offset = 0
  return {
    now: () => new Date((base ?? Date.now()) + offset),
    advance(ms: number) {
      offset += ms
    },
  }
}
