// Sliding-window rate limits kept in memory, per process. Platforms enforce theirs per app, chat and user; this
// keeps the bot under them so it is not throttled (DingTalk throttles a robot for 10 minutes when it exceeds 20/min).
export class RateLimiter {
  readonly #hits = new Map<string, number[]>()

  /** Milliseconds to wait before `key` may send again under `limit` per `windowMs` (0: go now, and it counts). */
  take(key: string, limit: number, windowMs: number, now: number): number {
    const hits = (this.#hits.get(key) ?? []).filter((t) => t > now - windowMs)
    if (hits.length >= limit) {
      this.#hits.set(key, hits)
      return hits[0]! + windowMs - now
    }
    hits.push(now)
    this.#hits.set(key, hits)
    return 0
  }

  /** Milliseconds until `key` may send again, without counting anything. */
  peek(key: string, limit: number, windowMs: number, now: number): number {
    const hits = (this.#hits.get(key) ?? []).filter((t) => t > now - windowMs)
    return hits.length >= limit ? hits[0]! + windowMs - now : 0
  }

  /** Checks several limits at once; counts against none of them unless all allow it. */
  takeAll(rules: { key: string; limit: number; windowMs: number }[], now: number): number {
    let wait = 0
    for (const r of rules) {
      const hits = (this.#hits.get(r.key) ?? []).filter((t) => t > now - r.windowMs)
      this.#hits.set(r.key, hits)
      if (hits.length >= r.limit) wait = Math.max(wait, hits[0]! + r.windowMs - now)
    }
    if (wait > 0) return wait
    for (const r of rules) this.#hits.get(r.key)!.push(now)
    return 0
  }
}
