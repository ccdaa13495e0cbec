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
import { helpRecognizer, notAQuestionRecognizer } from '../features/help/help.recognizer.ts'
import { knowledgeFeedbackAction } from '../features/knowledge/handlers/feedback.action.ts'
import { outOfScopeHandler } from '../features/knowledge/handlers/out-of-scope.handler.ts'
import { policyAnswerHandler } from '../features/knowledge/handlers/policy-answer.handler.ts'
import { smalltalkHandler } from '../features/knowledge/handlers/smalltalk.handler.ts'
import { knowledgeSourceAction } from '../features/knowledge/handlers/source.action.ts'
import { knowledgeRecognizer } from '../features/knowledge/recognizer.ts'
import { linkCodeIssueHandler } from '../features/staff/handlers/link-code-issue.handler.ts'
import { linkCodeRedeemHandler } from '../features/staff/handlers/link-code-redeem.handler.ts'
import { staffRecognizer } from '../features/staff/staff.recognizer.ts'
import { standardsListHandler } from '../features/standards/handlers/standards-list.handler.ts'
import { standardsRecognizer } from '../features/standards/standards.recognizer.ts'
import {
  ticketApproveAction,
  ticketDecideAction,
  ticketRejectAction,
} from '../features/tickets/handlers/approval.actions.ts'
import { ticketCommentFlow } from '../features/tickets/handlers/comment.flow.ts'
import { ticketMineAction, ticketMineHandler } from '../features/tickets/handlers/mine.handlers.ts'
import { ticketOpenFlow } from '../features/tickets/handlers/open.flow.ts'
import {
  ticketExpiredHandler,
  ticketOpenHandler,
  ticketStartAction,
} from '../features/tickets/handlers/open.handlers.ts'
import { ticketRateAction } from '../features/tickets/handlers/rate.action.ts'
import { ticketSubmitAction } from '../features/tickets/handlers/submit.action.ts'
import {
  ticketAcceptAction,
  ticketReopenAction,
  ticketRequestApprovalAction,
  ticketResolveAction,
  ticketTransferAction,
} from '../features/tickets/handlers/work.actions.ts'
import { ticketExpiredRecognizer, ticketRecognizer } from '../features/tickets/ticket.recognizer.ts'
import type { HandlerRegistry } from './dispatcher.ts'
import type { CardActionHandler, FlowHandler, IntentRecognizer, MessageHandler } from './handler.ts'

const recognizers: IntentRecognizer[] = [
  helpRecognizer,
  // — staff (linking a chat account; before enterprises, whose "绑定…" would take "绑定工作人员") —
  staffRecognizer,
  // — enterprises / eligibility / standards recognizers —
  enterprisesRecognizer,
  eligibilityRecognizer,
  standardsRecognizer,
  // — tickets recognizers —
  ticketRecognizer,
  ticketExpiredRecognizer,
  // — knowledge classifier (last: it answers everything it is confident about) —
  notAQuestionRecognizer,
  knowledgeRecognizer,
]

const messages: MessageHandler[] = [
  fallbackHandler, // replaced by a later `out_of_scope` handler where one is registered
  helpHandler,
  // — knowledge —
  policyAnswerHandler,
  smalltalkHandler,
  outOfScopeHandler,
  // — staff —
  linkCodeIssueHandler,
  linkCodeRedeemHandler,
  // — enterprises / eligibility / standards —
  bindHandler,
  unbindHandler,
  myEnterpriseHandler,
  eligibilityHandler,
  standardsListHandler,
  // — tickets —
  ticketOpenHandler,
  ticketMineHandler,
  ticketExpiredHandler,
]

const flows: FlowHandler[] = [
  // — enterprises (binding) —
  bindFlow,
  // — tickets (opening a ticket) —
  ticketOpenFlow,
  ticketCommentFlow,
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
  ticketStartAction,
  ticketSubmitAction,
  ticketMineAction,
  ticketAcceptAction,
  ticketTransferAction,
  ticketRequestApprovalAction,
  ticketResolveAction,
  ticketApproveAction,
  ticketRejectAction,
  ticketDecideAction,
  ticketRateAction,
  ticketReopenAction,
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
