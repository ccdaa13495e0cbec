// The tickets feature: one-stop service requests from opening to rating, the staff's work on them and approvals,
// and the SLA escalation job.
import type { Feature } from '../../bot/feature.ts'
import { ticketApproveAction, ticketDecideAction, ticketRejectAction } from './handlers/approval.actions.ts'
import { ticketCommentFlow } from './handlers/comment.flow.ts'
import { ticketConfirmFlow } from './handlers/confirm.flow.ts'
import { ticketMineAction, ticketMineHandler } from './handlers/mine.handlers.ts'
import { ticketOpenFlow } from './handlers/open.flow.ts'
import { ticketOpenHandler, ticketStartAction } from './handlers/open.handlers.ts'
import { ticketRateAction } from './handlers/rate.action.ts'
import { ticketSubmitAction } from './handlers/submit.action.ts'
import { ticketViewAction } from './handlers/view.action.ts'
import {
  ticketAcceptAction,
  ticketReopenAction,
  ticketRequestApprovalAction,
  ticketResolveAction,
  ticketTransferAction,
} from './handlers/work.actions.ts'
import { escalateOverdueTickets } from './sla.job.ts'
import {
  approvalCard,
  confirmCard,
  escalationCard,
  satisfactionCard,
  taskCard,
  ticketFormCard,
  ticketListCard,
} from './ticket.card-defs.ts'
import { ticketsDigest } from './ticket.digest.ts'
import { ticketRecognizer } from './ticket.recognizer.ts'
import { ticketsAdmin } from './tickets.admin.ts'
import { ticketsSeeder } from './tickets.seeder.ts'

export const ticketsFeature: Feature = {
  name: 'tickets',
  recognizers: [ticketRecognizer],
  messages: [ticketOpenHandler, ticketMineHandler],
  // Where cards hold no form: opening a ticket step by step, and the comment typed after a decision or a rating.
  flows: [ticketOpenFlow, ticketCommentFlow, ticketConfirmFlow],
  actions: [
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
    ticketViewAction,
  ],
  // Open tickets, SLA clocks and approvals in each staff member's digest; last week's figures for the leads.
  digest: ticketsDigest,
  // A few demo tickets among the demo staff, so the digests have something to show.
  seeders: [ticketsSeeder],
  cards: [ticketFormCard, confirmCard, taskCard, approvalCard, ticketListCard, satisfactionCard, escalationCard],
  admin: [ticketsAdmin],
  jobs: [
    {
      name: 'ticket-sla',
      cron: '*/5 * * * *',
      description: 'escalate tickets past their first-response or resolution time to the officials, once',
      run: (deps, now) => escalateOverdueTickets(deps, now),
    },
  ],
}
