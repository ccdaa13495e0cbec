// Prisma tooling that works offline (no native schema-engine download):
//   tsx scripts/prisma.ts generate       postgres schema variant, the three clients, the D1 migration files
//   tsx scripts/prisma.ts create <name>  a new migration for SQLite (+ PostgreSQL when POSTGRES_URL is set)
//   tsx scripts/prisma.ts check          fail when the derived postgres schema is out of date
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readMigrations } from '../src/db/migrate.ts'
import { openSchemaEngine, type Provider, pgAdmin, withDatabase } from '../src/db/schema-engine.ts'
import { derivePostgresSchema, PROJECT_ROOT, schemaFiles, VARIANTS } from '../src/db/schema-variants.ts'

const FILTERS = { externalTables: [], externalEnums: [] }
const D1_DIR = 'src/generated/d1-migrations'

async function writePostgresSchema() {
  const source = await readFile(join(PROJECT_ROOT, VARIANTS.sqlite.schema), 'utf8')
  await mkdir(join(PROJECT_ROOT, 'prisma/postgresql'), { recursive: true })
  await writeFile(join(PROJECT_ROOT, VARIANTS.postgresql.schema), derivePostgresSchema(source))
}

/** wrangler's D1 migrations are flat NNNN_name.sql files: derived from Prisma's SQLite history, never edited. */
async function writeD1Migrations() {
  const { migrationDirectories } = await readMigrations('sqlite')
  await rm(join(PROJECT_ROOT, D1_DIR), { recursive: true, force: true })
  await mkdir(join(PROJECT_ROOT, D1_DIR), { recursive: true })
  for (const [index, dir] of migrationDirectories.entries()) {
    const name = `${String(index + 1).padStart(4, '0')}_${dir.path}.sql`
    const sql = dir.migrationFile.content.tag === 'ok' ? dir.migrationFile.content.value : ''
    await writeFile(join(PROJECT_ROOT, D1_DIR, name), `-- derived from prisma/migrations/${dir.path}\n${sql}`)
  }
}

async function generate() {
  await writePostgresSchema()
  const cli = fileURLToPath(import.meta.resolve('prisma/build/index.js'))
  // Any existing file stops the CLI from downloading an engine that `generate` never runs.
  const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, CHECKPOINT_DISABLE: '1' }
  for (const { schema } of Object.values(VARIANTS)) {
    execFileSync(process.execPath, [cli, 'generate', '--schema', schema], { cwd: PROJECT_ROOT, env, stdio: 'inherit' })
  }
  await writeD1Migrations()
}

async function check() {
  const source = await readFile(join(PROJECT_ROOT, VARIANTS.sqlite.schema), 'utf8')
  const current = await readFile(join(PROJECT_ROOT, VARIANTS.postgresql.schema), 'utf8').catch(() => '')
  if (current !== derivePostgresSchema(source))
    throw new Error('prisma/postgresql/schema.prisma is stale: npm run generate')
}

const slug = (s: string) =>
  s
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z\d]+/g, '_')
    .replace(/^_+|_+$/g, '')

async function scratchDatabase(provider: Provider) {
  if (provider === 'sqlite') return { url: 'file::memory:', drop: async () => {} }
  const server = process.env.POSTGRES_URL
  if (!server) return null
  const name = `prisma_scratch_${randomUUID().replaceAll('-', '')}`
  await pgAdmin(server, `CREATE DATABASE "${name}"`)
  return { url: withDatabase(server, name), drop: () => pgAdmin(server, `DROP DATABASE IF EXISTS "${name}"`) }
}

/** The same engine calls as `prisma migrate dev --create-only`, on throwaway databases, for every provider. */
async function create(rawName: string | undefined) {
  const name = slug(rawName ?? '')
  if (!name) throw new Error('usage: npm run db:migration:create -- <name>')
  await writePostgresSchema()
  const results: { provider: Provider; script: string; folder: string }[] = []
  for (const provider of ['sqlite', 'postgresql'] as const) {
    const scratch = await scratchDatabase(provider)
    if (!scratch) {
      console.warn('postgresql: skipped (set POSTGRES_URL=postgres://…/postgres to create it too)')
      continue
    }
    const migrationsList = await readMigrations(provider)
    const files = await schemaFiles(provider)
    const { engine, explain, close } = await openSchemaEngine(provider, scratch.url, files)
    try {
      await engine.applyMigrations({ migrationsList, filters: FILTERS })
      const { action } = await engine.devDiagnostic({ migrationsList, filters: FILTERS })
      if (action.tag === 'reset') throw new Error(`${provider}: history needs a reset: ${action.reason}`)
      const schema = { files: files.map(([path, content]) => ({ path, content })) }
      const out = await engine.createMigration({
        migrationName: name,
        draft: false,
        migrationsList,
        schema,
        filters: FILTERS,
      })
      if (out.migrationScript === null) console.log(`${provider}: no schema change`)
      else
        results.push({
          provider,
          script: out.migrationScript,
          folder: results[0]?.folder ?? out.generatedMigrationName,
        })
    } catch (error) {
      throw new Error(`${provider}: ${explain(error)}`)
    } finally {
      await close()
      await scratch.drop()
    }
  }
  const lock = (p: string) =>
    `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${p}"\n`
  for (const { provider, script, folder } of results) {
    const dir = join(PROJECT_ROOT, VARIANTS[provider].migrations, folder)
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'migration.sql'), script)
    await writeFile(join(PROJECT_ROOT, VARIANTS[provider].migrations, 'migration_lock.toml'), lock(provider))
    console.log(`${provider}: wrote ${VARIANTS[provider].migrations}/${folder}/migration.sql`)
  }
  await writeD1Migrations()
}

const [command, arg] = process.argv.slice(2)
const commands: Record<string, () => Promise<void>> = { generate, check, create: () => create(arg) }
const run = command ? commands[command] : undefined
if (!run) {
  console.error('usage: tsx scripts/prisma.ts generate | check | create <name>')
  process.exit(2)
}
try {
  await run()
  process.exit(0) // the wasm engine leaves a timer behind after PostgreSQL work
} catch (error) {
  console.error(`prisma ${command} failed: ${(error as Error).message}`)
  process.exit(1)
}
