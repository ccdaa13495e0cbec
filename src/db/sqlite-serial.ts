// The embedded SQLite connection, made safe for units of work (src/db/unit-of-work.ts). Prisma's better-sqlite3
// adapter has two traits that bite once handlers run inside transactions:
// - a query made outside a transaction runs on the same connection *inside* whatever transaction is open there, so
//   a rollback also undid another task's writes (an outbox row marked sent, an acknowledged event stored);
// - it opens transactions with a deferred BEGIN: a transaction that reads and then writes, while another connection
//   (the other thread, a CLI process) committed in between, fails at once with SQLITE_BUSY (a stale snapshot) and
//   SQLite's busy timeout never applies.
// This wrapper makes a query outside a transaction wait for the open transaction to end, and begins transactions
// with BEGIN IMMEDIATE (the write lock first, waiting up to the busy timeout), so a transaction never fails halfway
// for want of the lock.

import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from '@prisma/driver-adapter-utils'
import { DriverAdapterError } from '@prisma/driver-adapter-utils'
import type Database from 'better-sqlite3'

/** One transaction at a time on the connection; queries outside it wait for it to end (FIFO). */
class TransactionGate {
  #open: Promise<void> | null = null

  /** The open transaction's end, or null when none is open. */
  get open(): Promise<void> | null {
    return this.#open
  }

  /** Waits for the open transaction, then holds the gate until the returned function is called. */
  async enter(): Promise<() => void> {
    // Checked again after every wake-up: of several waiters, the first to run takes the gate, the others wait on.
    while (this.#open) await this.#open
    let leave!: () => void
    this.#open = new Promise<void>((resolve) => {
      leave = () => {
        this.#open = null
        resolve()
      }
    })
    return leave
  }
}

/** SQLITE_BUSY as the Prisma adapter reports it, so callers see one kind of "database busy" error. */
function busyError(error: unknown): unknown {
  const code = (error as { code?: string })?.code ?? ''
  return code.startsWith('SQLITE_BUSY') ? new DriverAdapterError({ kind: 'SocketTimeout' }) : error
}

function wrap(inner: SqlDriverAdapter): SqlDriverAdapter {
  const gate = new TransactionGate()
  // The adapter keeps its better-sqlite3 handle as a plain property; BEGIN IMMEDIATE needs it.
  const client = (inner as unknown as { client: Database.Database }).client
  const outside = async <T>(run: () => Promise<T>): Promise<T> => {
    // No await between the last check and the query: a transaction cannot slip in between.
    while (gate.open) await gate.open
    return run()
  }

  const startTransaction = async (): Promise<Transaction> => {
    const leave = await gate.enter()
    try {
      client.prepare('BEGIN IMMEDIATE').run()
    } catch (error) {
      leave()
      throw busyError(error)
    }
    let ended = false
    const end = async () => {
      if (!ended) leave()
      ended = true
    }
    const savepoint = (sql: string) => inner.executeRaw({ sql, args: [], argTypes: [] }).then(() => undefined)
    return {
      provider: inner.provider,
      adapterName: inner.adapterName,
      // Prisma sends COMMIT / ROLLBACK itself; commit() and rollback() only end our hold of the connection.
      options: { usePhantomQuery: false },
      queryRaw: (query: SqlQuery): Promise<SqlResultSet> => inner.queryRaw(query),
      executeRaw: (query: SqlQuery): Promise<number> => inner.executeRaw(query),
      commit: end,
      rollback: end,
      createSavepoint: (name: string) => savepoint(`SAVEPOINT ${name}`),
      rollbackToSavepoint: (name: string) => savepoint(`ROLLBACK TO ${name}`),
      releaseSavepoint: (name: string) => savepoint(`RELEASE SAVEPOINT ${name}`),
    }
  }

  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => outside(() => inner.queryRaw(query)),
    executeRaw: (query) => outside(() => inner.executeRaw(query)),
    executeScript: (script) => outside(() => inner.executeScript(script)),
    startTransaction,
    ...(inner.getConnectionInfo ? { getConnectionInfo: () => inner.getConnectionInfo!() } : {}),
    dispose: () => inner.dispose(),
  }
}

/** A better-sqlite3 adapter factory whose connections behave as described above. */
export function serialSqliteAdapter(url: string): SqlDriverAdapterFactory {
  const factory = new PrismaBetterSqlite3({ url })
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
  }
}
