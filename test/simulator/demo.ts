// The demo data (seed/demo/) loaded into a test server's database, as `npm run db:seed -- --demo` loads it.
import { readFile } from 'node:fs/promises'
import { seedersOf } from '../../src/cli/seeders.ts'
import type { Db } from '../../src/db/client.ts'
import { FEATURES } from '../../src/features/index.ts'

export async function seedDemoData(db: Db) {
  for (const seeder of seedersOf(FEATURES)) {
    const data = JSON.parse(await readFile(new URL(`../../seed/demo/${seeder.file}`, import.meta.url), 'utf8'))
    await seeder.load(db, data)
  }
}
