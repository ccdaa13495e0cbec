// The demo seed's staff: seed/demo/staff.json (clearly fictional people and departments).
import type { Seeder } from '../../bot/feature.ts'
import { loadStaffFile } from './staff.repo.ts'

export const staffSeeder: Seeder = {
  name: 'staff',
  file: 'staff.json',
  async load(db, data) {
    const { saved } = await loadStaffFile(db, data)
    return `${saved} staff`
  },
}
