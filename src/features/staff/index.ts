// The staff feature: the people other features route work to. It answers nothing itself; its seeder loads the
// demo staff, which the enterprises' and tickets' demo data refer to.
import type { Feature } from '../../bot/feature.ts'
import { staffSeeder } from './staff.seeder.ts'

export const staffFeature: Feature = {
  name: 'staff',
  seeders: [staffSeeder],
}
