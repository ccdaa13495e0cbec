// `npm run db:seed -- --demo`: load the clearly fictional demo dataset (enterprises, staff, contacts, standards)
// so a newcomer can try every flow. The knowledge base needs no seeding: it is read from knowledge/*.md.
import { readFile } from 'node:fs/promises'
import { parseEnv } from '../config/env.ts'
import { deployMigrations } from '../db/migrate.ts'
import { openNodeDb } from '../db/node-db.ts'
import { FEATURES } from '../features/index.ts'
import { loadEnvFile } from '../runtime/env-file.ts'
import { parseArgs } from './args.ts'
import { seedersOf } from './seeders.ts'

const { flags } = parseArgs(process.argv.slice(2))
if (flags.demo !== true) {
  console.error('用法 / usage: npm run db:seed -- --demo   (载入演示数据 / loads the fictional demo dataset)')
  process.exit(2)
}
loadEnvFile()
try {
  const { env } = parseEnv(process.env)
  await deployMigrations(env.DATABASE_URL)
  const db = await openNodeDb(env.DATABASE_URL)
  for (const seeder of seedersOf(FEATURES)) {
    const data = JSON.parse(await readFile(new URL(`../../seed/demo/${seeder.file}`, import.meta.url), 'utf8'))
    console.log(`${seeder.name}: ${await seeder.load(db, data)}`)
  }
  await db.$disconnect()
  console.log('演示数据已载入 / demo data loaded')
  process.exit(0)
} catch (error) {
  console.error(`seed failed: ${(error as Error).message}`)
  process.exit(1)
}
