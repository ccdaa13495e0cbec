// Failed sign-in attempts (a wrong ADMIN_TOKEN, a refused sign-in) per client: after MAX_FAILURES within the window
// the client is refused (429) until the window has passed, so a token cannot be guessed at speed. Kept in memory
// per process (and per Worker isolate): a determined attacker spread over many isolates gets a few more tries, each
// still against a token of at least 24 characters.
const WINDOW_MS = 15 * 60_000
const MAX_FAILURES = 10
const MAX_CLIENTS = 10_000

export function failureLimiter(now: () => number = Date.now) {
  const failures = new Map<string, number[]>()
  const recent = (client: string) => (failures.get(client) ?? []).filter((t) => now() - t < WINDOW_MS)
  return {
    /** Seconds until the client may try again, or 0. */
    blockedFor(client: string): number {
      const times = recent(client)
      if (times.length < MAX_FAILURES) return 0
      return Math.ceil((times[0]! + WINDOW_MS - now()) / 1000)
    },
    fail(client: string) {
      if (failures.size >= MAX_CLIENTS) failures.delete(failures.keys().next().value!)
      failures.set(client, [...recent(client), now()])
    },
  }
}
export type FailureLimiter = ReturnType<typeof failureLimiter>
