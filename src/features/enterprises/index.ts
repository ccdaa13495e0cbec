// The enterprises feature: binding a contact to an enterprise (confirmed by staff or a one-time code), the
// enterprise profile, and the demo enterprises and contacts.
import type { Feature } from '../../bot/feature.ts'
import { bindingRequestCard, bindingStatusCard } from './binding.cards.ts'
import { certificatesImport } from './certificates.import.ts'
import { contactsImport } from './contacts.import.ts'
import { enterprisesAdmin } from './enterprises.admin.ts'
import { enterprisesImport } from './enterprises.import.ts'
import { enterprisesRecognizer } from './enterprises.recognizer.ts'
import { contactsSeeder, enterprisesSeeder } from './enterprises.seeder.ts'
import { bindAction } from './handlers/bind.action.ts'
import { bindFlow } from './handlers/bind.flow.ts'
import { bindHandler } from './handlers/bind.handler.ts'
import { bindingCodeAction } from './handlers/binding-code.action.ts'
import { bindingConfirmAction } from './handlers/binding-confirm.action.ts'
import { bindingRejectAction } from './handlers/binding-reject.action.ts'
import { myEnterpriseHandler } from './handlers/my-enterprise.handler.ts'
import { unbindHandler } from './handlers/unbind.handler.ts'
import { profileCard } from './profile.card.ts'

export const enterprisesFeature: Feature = {
  name: 'enterprises',
  recognizers: [enterprisesRecognizer],
  messages: [bindHandler, unbindHandler, myEnterpriseHandler],
  flows: [bindFlow],
  actions: [bindAction, bindingConfirmAction, bindingRejectAction, bindingCodeAction],
  cards: [bindingRequestCard, bindingStatusCard, profileCard],
  seeders: [enterprisesSeeder, contactsSeeder],
  admin: [enterprisesAdmin],
  imports: [enterprisesImport, contactsImport, certificatesImport],
}
