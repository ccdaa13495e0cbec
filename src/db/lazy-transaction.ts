// A transaction that begins at the first write. Handlers read freely (a knowledge search, an optional language
// model taking seconds) without holding SQLite's single write lock; from their first write on, everything they do,
// and whatever the caller records after them, commits or rolls back together (src/bot/unit-of-work.ts).
import type { Db, Tx } from './client.ts'

const READS = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
])
const RAW_READS = new Set(['$queryRaw', '$queryRawUnsafe'])

class Rollback extends Error {}

export interface LazyTransaction {
  /** Use this instead of the root client: reads go outside the transaction until the first write opens it. */
  db: Db
  /** Whether anything was written (the transaction is open). */
  readonly open: boolean
  /** Opens the transaction now, if it is not yet open. */
  begin(): Promise<Tx>
  commit(): Promise<void>
  rollback(): Promise<void>
}

export function lazyTransaction(root: Db, options: { timeoutMs: number }): LazyTransaction {
  let tx: Tx | undefined
  let opening: Promise<Tx> | undefined
  let finish: ((commit: boolean) => void) | undefined
  let settled: Promise<unknown> | undefined

  const begin = () =>
    (opening ??= new Promise<Tx>((resolve, reject) => {
      // The callback holds the transaction open until commit() or rollback() settles it.
      settled = root.$transaction(
        (t) => {
          tx = t
          resolve(t)
          return new Promise<void>((done, fail) => {
            finish = (commit) => (commit ? done() : fail(new Rollback()))
          })
        },
        { maxWait: options.timeoutMs, timeout: options.timeoutMs },
      )
      settled.catch((error) => {
        if (!tx) reject(error) // it never opened (busy, no connection): the first write fails with this error
      })
    }))

  const end = async (commit: boolean) => {
    if (!opening) return
    await opening
    finish?.(commit)
    try {
      await settled
    } catch (error) {
      if (commit || !(error instanceof Rollback)) throw error
    }
  }

  const delegate = (model: string) =>
    new Proxy(
      {},
      {
        get:
          (_, method: string) =>
          async (...args: unknown[]) => {
            const client = READS.has(method) && !tx ? root : await begin()
            // biome-ignore lint/suspicious/noExplicitAny: a model delegate's methods, called by name
            return (client as any)[model][method](...args)
          },
      },
    )

  const db = new Proxy(root, {
    get(target, prop: string | symbol) {
      if (typeof prop !== 'string') return Reflect.get(target, prop)
      if (prop === '$transaction') {
        // A nested transaction is a savepoint inside this one (Prisma 7 with savepoint-capable adapters).
        return async (fn: (t: Tx) => Promise<unknown>) => {
          const t = await begin()
          // biome-ignore lint/suspicious/noExplicitAny: nested $transaction exists at run time, not on Tx's type
          return (t as any).$transaction(fn)
        }
      }
      if (prop.startsWith('$')) {
        const method = prop
        if (!['$queryRaw', '$queryRawUnsafe', '$executeRaw', '$executeRawUnsafe'].includes(method))
          return Reflect.get(target, prop)
        return async (...args: unknown[]) => {
          const client = RAW_READS.has(method) && !tx ? root : await begin()
          // biome-ignore lint/suspicious/noExplicitAny: raw query methods, called by name
          return (client as any)[method](...args)
        }
      }
      const value = Reflect.get(target, prop)
      return value && typeof value === 'object' ? delegate(prop) : value
    },
  }) as Db

  return {
    db,
    get open() {
      return tx !== undefined
    },
    begin,
    commit: () => end(true),
    rollback: () => end(false),
  }
}
