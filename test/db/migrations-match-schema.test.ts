// The migration history must build exactly the schema in prisma/schema.prisma, on both dialects. Migrations written
// on parallel branches can each be right alone and wrong together (SQLite redefines a whole table to change it, so a
// later branch's redefinition can drop a column an earlier one added); this catches that before a database does.
import { expect, test } from 'vitest'
import { readMigrations } from '../../src/db/migrate.ts'
import { openSchemaEngine, type Provider } from '../../src/db/schema-engine.ts'
import { schemaFiles } from '../../src/db/schema-variants.ts'
import { postgresAvailable, postgresTestUrl } from '../helpers/db.ts'

const FILTERS = { externalTables: [], externalEnums: [] }

/** What a new migration would have to do after the whole history is applied: null when nothing. */
async function driftAfterHistory(provider: Provider, url: string): Promise<string | null> {
  const migrationsList = await readMigrations(provider)
  const files = await schemaFiles(provider)
  const { engine, explain, close } = await openSchemaEngine(provider, url, files)
  try {
    await engine.applyMigrations({ migrationsList, filters: FILTERS })
    // As `npm run db:migration:create` does: the diagnostic readies the engine to diff against the applied history.
    await engine.devDiagnostic({ migrationsList, filters: FILTERS })
    const out = await engine.createMigration({
      migrationName: 'drift_check',
      draft: true,
      migrationsList,
      schema: { files: files.map(([path, content]) => ({ path, content })) },
      filters: FILTERS,
    })
    return out.migrationScript && /\S/.test(out.migrationScript.replace(/^--.*$/gm, '')) ? out.migrationScript : null
  } catch (error) {
    throw new Error(explain(error))
  } finally {
    await close()
  }
}

test('the SQLite (and D1) migration history builds prisma/schema.prisma exactly', async () => {
  expect(await driftAfterHistory('sqlite', 'file::memory:')).toBeNull()
}, 60_000)

test.runIf(await postgresAvailable())(
  'the PostgreSQL migration history builds prisma/postgresql/schema.prisma exactly',
  async () => {
    const { url, drop } = await postgresTestUrl()
    try {
      expect(await driftAfterHistory('postgresql', url)).toBeNull()
    } finally {
      await drop()
    }
  },
  60_000,
)
