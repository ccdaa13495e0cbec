// THE one place where every recognizer, handler and flow is registered. Read top to bottom, it is the bot's menu.
// Recognizers are asked in order (specific patterns first, the knowledge classifier last); for messages, an
// active multi-turn flow always goes first (see dispatcher.ts).
import { eligibilityRecognizer } from '../features/eligibility/eligibility.recognizer.ts'
import { eligibilityHandler } from '../features/eligibility/handlers/eligibility.handler.ts'
import { finderAction } from '../features/eligibility/handlers/finder.action.ts'
import { enterprisesRecognizer } from '../features/enterprises/enterprises.recognizer.ts'
import { bindAction } from '../features/enterprises/handlers/bind.action.ts'
import { bindFlow } from '../features/enterprises/handlers/bind.flow.ts'
import { bindHandler } from '../features/enterprises/handlers/bind.handler.ts'
import { bindingCodeAction } from '../features/enterprises/handlers/binding-code.action.ts'
import { bindingConfirmAction } from '../features/enterprises/handlers/binding-confirm.action.ts'
import { bindingRejectAction } from '../features/enterprises/handlers/binding-reject.action.ts'
import { myEnterpriseHandler } from '../features/enterprises/handlers/my-enterprise.handler.ts'
import { unbindHandler } from '../features/enterprises/handlers/unbind.handler.ts'
import { fallbackHandler, helpHandler, helpShowAction, welcome } from '../features/help/help.handlers.ts'
import { helpRecognizer } from '../features/help/help.recognizer.ts'
import { knowledgeFeedbackAction } from '../features/knowledge/handlers/feedback.action.ts'
import { outOfScopeHandler } from '../features/knowledge/handlers/out-of-scope.handler.ts'
import { policyAnswerHandler } from '../features/knowledge/handlers/policy-answer.handler.ts'
import { smalltalkHandler } from '../features/knowledge/handlers/smalltalk.handler.ts'
import { knowledgeSourceAction } from '../features/knowledge/handlers/source.action.ts'
import { knowledgeRecognizer } from '../features/knowledge/recognizer.ts'
import { standardsListHandler } from '../features/standards/handlers/standards-list.handler.ts'
import { standardsRecognizer } from '../features/standards/standards.recognizer.ts'
import type { HandlerRegistry } from './dispatcher.ts'
import type { CardActionHandler, FlowHandler, IntentRecognizer, MessageHandler } from './handler.ts'

const recognizers: IntentRecognizer[] = [
  helpRecognizer,
  // — enterprises / eligibility / standards recognizers —
  enterprisesRecognizer,
  eligibilityRecognizer,
  standardsRecognizer,
  // — tickets recognizers —
  // — knowledge classifier (last: it answers everything it is confident about) —
  knowledgeRecognizer,
]

const messages: MessageHandler[] = [
  fallbackHandler, // replaced by a later `out_of_scope` handler where one is registered
  helpHandler,
  // — knowledge —
  policyAnswerHandler,
  smalltalkHandler,
  outOfScopeHandler,
  // — enterprises / eligibility / standards —
  bindHandler,
  unbindHandler,
  myEnterpriseHandler,
  eligibilityHandler,
  standardsListHandler,
  // — tickets —
]

const flows: FlowHandler[] = [
  // — enterprises (binding) —
  bindFlow,
  // — tickets (opening a ticket) —
]

const actions: CardActionHandler[] = [
  helpShowAction,
  // — knowledge —
  knowledgeSourceAction,
  knowledgeFeedbackAction,
  // — enterprises / eligibility —
  bindAction,
  bindingConfirmAction,
  bindingRejectAction,
  bindingCodeAction,
  finderAction,
  // — tickets —
]

const byKey = <T, K extends keyof T>(items: T[], key: K) => new Map(items.map((item) => [item[key] as string, item]))

export function createHandlerRegistry(): HandlerRegistry {
  return {
    recognizers,
    messages: byKey(messages, 'intent'),
    flows: byKey(flows, 'flow'),
    actions: byKey(actions, 'action'),
    welcome,
  }
}
