// Prisma's schema engine compiled to WebAssembly, driven through driver adapters: migrations are created and
// applied without the native schema-engine binary (which the Prisma CLI would download). Node only.
// The adapter fixes below are explained in docs/prisma-offline.md (pitfalls 4–7 and 10).
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { bindMigrationAwareSqlAdapterFactory, type SqlQueryable } from '@prisma/driver-adapter-utils'
import pg from 'pg'

import { type Provider, providerOf } from './provider.ts'

export { type Provider, providerOf }

// biome-ignore lint/suspicious/noExplicitAny: the wasm-bindgen glue module is untyped
type EngineModule = any
let engineModule: EngineModule | undefined

/** Loads the wasm engine once per process (its package entry imports .wasm, which Node 20 refuses). */
export async function loadSchemaEngine(): Promise<EngineModule> {
  if (engineModule) return engineModule
  const glueUrl = import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
  const glue = await import(glueUrl)
  const bytes = await readFile(new URL('schema_engine_bg.wasm', glueUrl))
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue })
  glue.__wbg_set_wasm(instance.exports)
  ;(instance.exports as { __wbindgen_start: () => void }).__wbindgen_start()
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }
  g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (m: string) => console.error('schema-engine panic:', m) }
  engineModule = glue
  return glue
}

const MIGRATION_BUSY_TIMEOUT_MS = 10_000

type Queryable = SqlQueryable & { executeScript(sql: string): Promise<void>; dispose(): Promise<void> }

/** SQLite shadow DB: the engine replays whole migration files with executeRaw; route them to executeScript. */
class SqliteMigrationFactory extends PrismaBetterSqlite3 {
  readonly #open: Queryable[] = []
  override async connect() {
    const adapter = (await super.connect()) as unknown as Queryable
    this.#open.push(adapter)
    // Beside a running bot the file is shared: wait out its short writes instead of failing at once.
    await adapter.queryRaw({ sql: `PRAGMA busy_timeout = ${MIGRATION_BUSY_TIMEOUT_MS}`, args: [], argTypes: [] })
    return adapter as never
  }
  /** Releases the file: the app opens it next, and SQLite refuses WAL mode while another handle holds it. */
  close() {
    return Promise.all(this.#open.map((a) => a.dispose()))
  }
  override async connectToShadowDb() {
    const adapter = (await super.connectToShadowDb()) as unknown as Queryable
    const executeRaw = adapter.executeRaw.bind(adapter)
    adapter.executeRaw = (q) => (q.args.length ? executeRaw(q) : adapter.executeScript(q.sql).then(() => 0))
    return adapter as never
  }
}

/** adapter-pg as a migration adapter: a real shadow database, dropped after its pool, and "char" read as text. */
class PgMigrationFactory extends PrismaPg {
  readonly #url: string
  readonly #open: Queryable[] = []
  constructor(url: string) {
    super({ connectionString: url })
    this.#url = url
  }
  override async connect() {
    const adapter = charAsText((await super.connect()) as unknown as Queryable)
    this.#open.push(adapter)
    return adapter as never
  }
  override async connectToShadowDb() {
    const name = `prisma_shadow_${randomUUID().replaceAll('-', '')}`
    await pgAdmin(this.#url, `CREATE DATABASE "${name}"`)
    const shadow = new PrismaPg({ connectionString: withDatabase(this.#url, name) })
    const adapter = charAsText((await shadow.connect()) as unknown as Queryable)
    const dispose = adapter.dispose.bind(adapter)
    adapter.dispose = async () => {
      await dispose()
      await pgAdmin(this.#url, `DROP DATABASE IF EXISTS "${name}"`)
    }
    return adapter as never
  }
  close() {
    return Promise.all(this.#open.map((a) => a.dispose()))
  }
}

function charAsText(adapter: Queryable): Queryable {
  const performIO = (
    adapter as unknown as { performIO: (q: unknown) => Promise<{ fields?: { dataTypeID: number }[] }> }
  ).performIO
  const bound = performIO.bind(adapter)
  ;(adapter as unknown as { performIO: typeof performIO }).performIO = async (query) => {
    const result = await bound(query)
    for (const field of result.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25
    return result
  }
  return adapter
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.href
}

export async function pgAdmin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** Like the Prisma CLI: create the PostgreSQL database when it does not exist yet. */
export async function ensurePgDatabase(url: string): Promise<boolean> {
  try {
    await pgAdmin(url, 'SELECT 1')
    return false
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error
    const name = decodeURIComponent(new URL(url).pathname.slice(1))
    await pgAdmin(withDatabase(url, 'postgres'), `CREATE DATABASE "${name.replaceAll('"', '""')}"`)
    return true
  }
}

export interface OpenEngine {
  // biome-ignore lint/suspicious/noExplicitAny: the wasm engine's API is untyped JSON-RPC
  engine: any
  /** Turns "External error id#N" into the adapter's own message. */
  explain(error: unknown): string
  close(): Promise<void>
}

export async function openSchemaEngine(provider: Provider, url: string, schemaFiles: [string, string][]) {
  const wasm = await loadSchemaEngine()
  const factory = provider === 'sqlite' ? new SqliteMigrationFactory({ url }) : new PgMigrationFactory(url)
  const bound = bindMigrationAwareSqlAdapterFactory(factory as never)
  const log = (line: string) => process.env.DEBUG_SCHEMA_ENGINE && console.error(line)
  const engine = await wasm.SchemaEngine.new({ datamodels: schemaFiles }, log, bound)
  const explain = (error: unknown) => {
    const message = (error as Error)?.message ?? String(error)
    const id = /External error id#(\d+)/.exec(message)?.[1]
    const cause = id
      ? (bound.errorRegistry.consumeError(Number(id)) as { error?: { message?: string } })?.error
      : undefined
    return cause?.message ? `${message} (caused by: ${cause.message})` : message
  }
  return {
    engine,
    explain,
    async close() {
      engine.free()
      await factory.close()
    },
  } satisfies OpenEngine
}
