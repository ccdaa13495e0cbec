// The demo seed's enterprises and contacts: seed/demo/enterprises.json and contacts.json (clearly fictional
// companies with checksum-valid but made-up credit codes). Idempotent: upserts keyed on credit code / user id.
import type { Seeder } from '../../bot/feature.ts'
import { loadContactFile } from './contact.repo.ts'
import { loadEnterpriseFile } from './enterprise.repo.ts'

export const enterprisesSeeder: Seeder = {
  name: 'enterprises',
  file: 'enterprises.json',
  async load(db, data) {
    const { saved } = await db.$transaction((tx) => loadEnterpriseFile(tx, data))
    return `${saved} enterprises`
  },
}

export const contactsSeeder: Seeder = {
  name: 'contacts',
  file: 'contacts.json',
  async load(db, data) {
    const { saved } = await loadContactFile(db, data, new Date())
    return `${saved} contacts`
  },
}
