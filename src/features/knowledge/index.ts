// The knowledge feature: policy Q&A over knowledge/ (the service itself arrives in CoreDeps.knowledge, built by the
// runtime: loaded from the directory on Node, from the bundle on Workers).
import type { Feature } from '../../bot/feature.ts'
import { declineCard, policyAnswerCard, policyAnswersCard, policySourceCard } from './cards.ts'
import { knowledgeFeedbackAction } from './handlers/feedback.action.ts'
import { outOfScopeHandler } from './handlers/out-of-scope.handler.ts'
import { policyAnswerHandler } from './handlers/policy-answer.handler.ts'
import { smalltalkHandler } from './handlers/smalltalk.handler.ts'
import { knowledgeSourceAction } from './handlers/source.action.ts'
import { knowledgeAdmin } from './knowledge.admin.ts'
import { knowledgeRecognizer } from './recognizer.ts'

export const knowledgeFeature: Feature = {
  name: 'knowledge',
  // The classifier answers every text (out_of_scope when unsure): anything asked after it would never run.
  finalRecognizers: [knowledgeRecognizer],
  messages: [policyAnswerHandler, smalltalkHandler, outOfScopeHandler],
  actions: [knowledgeSourceAction, knowledgeFeedbackAction],
  cards: [policyAnswerCard, policyAnswersCard, policySourceCard, declineCard],
  admin: [knowledgeAdmin],
}
