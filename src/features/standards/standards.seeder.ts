// The demo seed's standards table: seed/demo/standards.json (fictional codes and names, marked as demo data).
import type { Seeder } from '../../bot/feature.ts'
import { loadStandardsFile } from './standards.repo.ts'

export const standardsSeeder: Seeder = {
  name: 'standards',
  file: 'standards.json',
  async load(db, data) {
    const { saved } = await loadStandardsFile(db, data)
    return `${saved} standards`
  },
}
