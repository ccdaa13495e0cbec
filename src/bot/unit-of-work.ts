// One unit of work: a handler's effects (a ticket decided, a contact bound), the messages that tell people about
// them, and the record that its event was handled, committed together or not at all. So a decision can never stand
// without its confirmation, a crash between them cannot make an event run twice, and when the database is busy the
// whole unit is tried again (the handler too: nothing of the failed try was kept).
import { retryWhenBusy } from '../db/busy.ts'
import { lazyTransaction } from '../db/lazy-transaction.ts'
import type { CoreDeps } from '../deps.ts'

export interface UnitOptions {
  /** What the unit is, for the log. */
  what: string
  /** Keep trying a busy database this long (fit it to the platform's answer deadline). */
  deadlineMs: number
  /** The longest a unit's transaction may stay open. */
  timeoutMs?: number
}

/** The unit's writes were refused on purpose (e.g. the claim on its event was taken over): roll back, no retry. */
export class UnitAborted extends Error {}

/**
 * Runs `work` with a `deps` whose database is the unit's transaction (opened at the first write), whose outbox
 * kicks and deferred tasks wait for the commit (a drain must not look for rows that are not committed yet), and
 * retries the whole unit while the database is busy. `work` may be called more than once: it must keep its
 * effects in the database.
 */
export async function runUnit<T>(
  deps: CoreDeps,
  work: (unit: CoreDeps) => Promise<T>,
  options: UnitOptions,
): Promise<T> {
  return retryWhenBusy(
    async () => {
      const kicks = new Set<string | undefined>()
      const deferred: (() => Promise<unknown>)[] = []
      const transaction = lazyTransaction(deps.db, { timeoutMs: options.timeoutMs ?? 15_000 })
      const unit: CoreDeps = {
        ...deps,
        db: transaction.db,
        outbox: { drain: deps.outbox.drain, kick: (platform) => void kicks.add(platform) },
        defer: (task) => void deferred.push(task),
      }
      let result: T
      try {
        result = await work(unit)
      } catch (error) {
        await transaction.rollback().catch(() => {})
        throw error
      }
      await transaction.commit()
      for (const platform of kicks) deps.outbox.kick(platform)
      for (const task of deferred) deps.defer(task)
      return result
    },
    {
      deadlineMs: options.deadlineMs,
      onRetry: (attempt, error) =>
        deps.log.warn('database busy, trying the unit again', { unit: options.what, attempt, error }),
    },
  )
}
