// The standards feature: 浙江制造 standards from the library staff maintain, and its demo data.
import type { Feature } from '../../bot/feature.ts'
import { standardsListHandler } from './handlers/standards-list.handler.ts'
import { standardsAdmin } from './standards.admin.ts'
import { standardsListCard } from './standards.card.ts'
import { standardsImport } from './standards.import.ts'
import { standardsRecognizer } from './standards.recognizer.ts'
import { standardsSeeder } from './standards.seeder.ts'

export const standardsFeature: Feature = {
  name: 'standards',
  recognizers: [standardsRecognizer],
  messages: [standardsListHandler],
  cards: [standardsListCard],
  seeders: [standardsSeeder],
  admin: [standardsAdmin],
  imports: [standardsImport],
}
