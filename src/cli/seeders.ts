// What `npm run db:seed -- --demo` loads: every feature's seeders, in the order of the feature list
// (src/features/index.ts puts staff before the enterprises and tickets that refer to them). Each seeder owns one
// file under seed/demo/ and is idempotent: running the seed twice changes nothing.
import type { Seeder } from '../bot/feature.ts'

export function seedersOf(features: readonly { seeders?: readonly Seeder[] }[]): Seeder[] {
  return features.flatMap((feature) => feature.seeders ?? [])
}
