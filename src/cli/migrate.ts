// `npm run db:migrate`: apply pending migrations to DATABASE_URL (SQLite file or PostgreSQL) and say what ran.
import { parseEnv } from '../config/env.ts'
import { deployMigrations } from '../db/migrate.ts'
import { loadEnvFile } from '../runtime/env-file.ts'

loadEnvFile()
try {
  const { env } = parseEnv(process.env)
  const result = await deployMigrations(env.DATABASE_URL)
  const applied = result.applied.length ? result.applied.map((n) => `\n  ${n}`).join('') : ' (up to date)'
  console.log(`${result.provider}: ${result.found} migration(s), ${result.applied.length} applied${applied}`)
  process.exit(0)
} catch (error) {
  console.error(`migration failed: ${(error as Error).message}`)
  process.exit(1)
}
