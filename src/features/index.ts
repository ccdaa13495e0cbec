// THE list of features, in order: read top to bottom, it is the bot's menu. Adding a feature is one folder
// src/features/<name>/ whose index.ts exports a `Feature` (src/bot/feature.ts) and one line here.
//
// The order matters:
// - Recognizers are asked in this order, each feature's `recognizers` first, then every `finalRecognizers`: specific
//   patterns first, the knowledge classifier last (it answers every text it is confident about). For messages, an
//   active multi-turn flow always goes first (see src/bot/dispatcher.ts).
// - Demo seeders run in this order: staff before the enterprises and tickets that refer to them.
// - Jobs follow the core's own (src/jobs/registry.ts) in this order.
import type { Feature } from '../bot/feature.ts'
import { alertsFeature } from './alerts/index.ts'
import { campaignsFeature } from './campaigns/index.ts'
import { digestsFeature } from './digests/index.ts'
import { dutyFeature } from './duty/index.ts'
import { eligibilityFeature } from './eligibility/index.ts'
import { enterprisesFeature } from './enterprises/index.ts'
import { expiryFeature } from './expiry/index.ts'
import { helpFeature } from './help/index.ts'
import { knowledgeFeature } from './knowledge/index.ts'
import { matchingFeature } from './matching/index.ts'
import { staffFeature } from './staff/index.ts'
import { standardsFeature } from './standards/index.ts'
import { targetsFeature } from './targets/index.ts'
import { ticketsFeature } from './tickets/index.ts'

export const FEATURES: readonly Feature[] = [
  // — the people work is routed to, and linking their chat accounts (its demo data goes first) —
  staffFeature,
  // — help: 帮助 first; its not-a-question guard sits just before the knowledge classifier —
  helpFeature,
  // — risk alerts (before enterprises: "登记企业群 <信用代码>" is not a binding request) —
  alertsFeature,
  // — enterprises / eligibility / standards —
  enterprisesFeature,
  eligibilityFeature,
  standardsFeature,
  // — certificate expiry and 政策找企业: the bot speaking first —
  expiryFeature,
  matchingFeature,
  // — tickets —
  ticketsFeature,
  // — the bureau's own work: enterprises' duty check-ins —
  dutyFeature,
  targetsFeature,
  campaignsFeature,
  // — digests: the staff's daily 待办 card and the leads' weekly summary, from what the features above contribute —
  digestsFeature,
  // — knowledge classifier (last: it answers everything it is confident about) —
  knowledgeFeature,
]
