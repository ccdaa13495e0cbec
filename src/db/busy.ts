// "The database is busy, try again": SQLite's single writer (the main thread, the background thread and CLI
// processes share one file) and PostgreSQL's serialization failures, deadlocks and lock timeouts. Such a write is
// retried for a bounded time and then fails loudly; no catch written for another error may swallow it.

/** SQLite busy (as the driver or the Prisma adapter reports it), or a PostgreSQL conflict worth retrying. */
export function isBusyError(error: unknown): boolean {
  for (let e = error as Record<string, unknown> | undefined, depth = 0; e && depth < 5; depth++) {
    const code = String(e.code ?? '')
    // Prisma: P1008 "Operation has timed out" is how the adapter's SocketTimeout (SQLITE_BUSY) surfaces; P2034 a
    // write conflict or deadlock; P2028 a transaction that could not start or finish in time.
    if (['P1008', 'P2034', 'P2028'].includes(code) || code.startsWith('SQLITE_BUSY')) return true
    if (['40001', '40P01', '55P03'].includes(code)) return true // serialization, deadlock, lock not available
    const meta = e.meta as { driverAdapterError?: { cause?: Record<string, unknown> } } | undefined
    const cause = meta?.driverAdapterError?.cause ?? (e.cause as Record<string, unknown> | undefined)
    if (cause?.kind === 'SocketTimeout' || cause?.kind === 'TransactionWriteConflict') return true
    if (cause?.originalCode && isBusyError({ code: cause.originalCode })) return true
    if (/SQLITE_BUSY|database is locked|Operation has timed out|SocketTimeout/.test(String(e.message ?? '')))
      return true
    e = e.cause as Record<string, unknown> | undefined
  }
  return false
}

export interface RetryOptions {
  /** Give up (and throw the last error) once this much time has passed. */
  deadlineMs: number
  /** Called before each new attempt, for the log. */
  onRetry?: (attempt: number, error: unknown) => void
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `attempt` again while it fails because the database is busy, with a short, growing pause (5 ms … 100 ms,
 * jittered so two waiting writers do not collide again), until `deadlineMs` has passed. Any other error, and the
 * last busy error, is thrown.
 */
export async function retryWhenBusy<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const started = performance.now()
  for (let n = 1; ; n++) {
    try {
      return await attempt()
    } catch (error) {
      const elapsed = performance.now() - started
      if (!isBusyError(error) || elapsed >= options.deadlineMs) throw error
      options.onRetry?.(n, error)
      const pause = Math.min(100, 5 * 2 ** (n - 1)) * (0.5 + Math.random())
      await sleep(Math.min(pause, Math.max(1, options.deadlineMs - elapsed)))
    }
  }
}
