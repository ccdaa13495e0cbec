// THE one place where every recognizer, handler and flow is registered. Read top to bottom, it is the bot's menu.
// Recognizers are asked in order (specific patterns first, the knowledge classifier last); for messages, an
// active multi-turn flow always goes first (see dispatcher.ts).
import { fallbackHandler, helpHandler, helpShowAction, welcome } from '../features/help/help.handlers.ts'
import { helpRecognizer } from '../features/help/help.recognizer.ts'
import { knowledgeFeedbackAction } from '../features/knowledge/handlers/feedback.action.ts'
import { outOfScopeHandler } from '../features/knowledge/handlers/out-of-scope.handler.ts'
import { policyAnswerHandler } from '../features/knowledge/handlers/policy-answer.handler.ts'
import { smalltalkHandler } from '../features/knowledge/handlers/smalltalk.handler.ts'
import { knowledgeSourceAction } from '../features/knowledge/handlers/source.action.ts'
import { knowledgeRecognizer } from '../features/knowledge/recognizer.ts'
import type { HandlerRegistry } from './dispatcher.ts'
import type { CardActionHandler, FlowHandler, IntentRecognizer, MessageHandler } from './handler.ts'

const recognizers: IntentRecognizer[] = [
  helpRecognizer,
  // — enterprises / eligibility / standards recognizers —
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
  // — tickets —
]

const flows: FlowHandler[] = [
  // — enterprises (binding) —
  // — tickets (opening a ticket) —
]

const actions: CardActionHandler[] = [
  helpShowAction,
  // — knowledge —
  knowledgeSourceAction,
  knowledgeFeedbackAction,
  // — enterprises / eligibility —
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
