// What `npm run db:seed -- --demo` loads, in order (staff before the enterprises and tickets that refer to them).
// Each seeder owns one file under seed/demo/ and is idempotent: running the seed twice changes nothing.
import type { Db } from '../db/client.ts'
import { contactsSeeder, enterprisesSeeder } from '../features/enterprises/enterprises.seeder.ts'
import { staffSeeder } from '../features/staff/staff.seeder.ts'
import { standardsSeeder } from '../features/standards/standards.seeder.ts'

export interface Seeder {
  name: string
  /** File under seed/demo/ */
  file: string
  load(db: Db, data: unknown): Promise<string>
}

export const DEMO_SEEDERS: Seeder[] = [
  // — staff (tickets) —
  staffSeeder,
  // — enterprises, contacts, standards —
  enterprisesSeeder,
  contactsSeeder,
  standardsSeeder,
]
