// Applies pending migrations (Prisma's folder format, one history per dialect) with the wasm schema engine,
// recorded in _prisma_migrations exactly like `prisma migrate deploy`. Run by `npm start` and `npm run db:migrate`.
import { mkdir, readdir, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { appliedMigrations } from './migrations-applied.ts'
import { ensurePgDatabase, openSchemaEngine, type Provider, providerOf } from './schema-engine.ts'
import { PROJECT_ROOT, schemaFiles, VARIANTS } from './schema-variants.ts'

const FILTERS = { externalTables: [], externalEnums: [] }

/** The history of one dialect; `upTo` (a migration folder name) stops after that migration (tests of data moves). */
export async function readMigrations(provider: Provider, upTo?: string) {
  const baseDir = join(PROJECT_ROOT, VARIANTS[provider].migrations)
  const lock = await readFile(join(baseDir, 'migration_lock.toml'), 'utf8').catch(() => null)
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => [])
  const migrationDirectories = await Promise.all(
    entries
      .filter((e) => e.isDirectory() && (upTo === undefined || e.name <= upTo))
      .map(async (e) => ({
        path: e.name,
        migrationFile: {
          path: 'migration.sql',
          content: await readFile(join(baseDir, e.name, 'migration.sql'), 'utf8').then(
            (value) => ({ tag: 'ok', value }),
            (err: Error) => ({ tag: 'error', value: err.message }),
          ),
        },
      })),
  )
  migrationDirectories.sort((a, b) => a.path.localeCompare(b.path))
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: lock },
    shadowDbInitScript: '',
    migrationDirectories,
  }
}

export interface DeployResult {
  provider: Provider
  found: number
  applied: string[]
  createdDatabase: boolean
}

/**
 * Applies what is pending (up to `upTo` when given); a no-op when the database is up to date. An up-to-date
 * database is recognised with a plain read, without the schema engine, so every command works beside a running bot.
 */
export async function deployMigrations(url: string, upTo?: string): Promise<DeployResult> {
  const provider = providerOf(url)
  const names = (await readMigrations(provider, upTo)).migrationDirectories.map((dir) => dir.path)
  const applied = await appliedMigrations(url).catch(() => null)
  if (applied && names.every((name) => applied.has(name)))
    return { provider, found: names.length, applied: [], createdDatabase: false }
  let createdDatabase = false
  if (provider === 'postgresql') createdDatabase = await ensurePgDatabase(url)
  else await mkdir(dirname(url.replace(/^file:/, '')), { recursive: true })
  const migrationsList = await readMigrations(provider, upTo)
  const { engine, explain, close } = await openSchemaEngine(provider, url, await schemaFiles(provider))
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: FILTERS })
    return {
      provider,
      found: migrationsList.migrationDirectories.length,
      applied: appliedMigrationNames,
      createdDatabase,
    }
  } catch (error) {
    const reason = explain(error)
    if (/SocketTimeout|database is locked|SQLITE_BUSY/.test(reason))
      throw new Error(
        'migrations failed: the database is busy (another process is writing to it); try again in a moment',
      )
    throw new Error(`migrations failed: ${reason}`)
  } finally {
    await close()
  }
}
