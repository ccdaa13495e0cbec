// Every card template in cards/, registered once. Templates are data (JSON) so staff can edit wording and layout
// without touching code; they are imported rather than read from disk so the same registry works on Workers.
// To add a template: put cards/<name>.json beside the others and add one line here.
import type { z } from 'zod'
import awardFinder from '../../cards/award-finder.json' with { type: 'json' }
import bindingRequest from '../../cards/binding-request.json' with { type: 'json' }
import bindingStatus from '../../cards/binding-status.json' with { type: 'json' }
import eligibility from '../../cards/eligibility.json' with { type: 'json' }
import enterpriseProfile from '../../cards/enterprise-profile.json' with { type: 'json' }
import help from '../../cards/help.json' with { type: 'json' }
import knowledgeDecline from '../../cards/knowledge-decline.json' with { type: 'json' }
import policyAnswer from '../../cards/policy-answer.json' with { type: 'json' }
import policySource from '../../cards/policy-source.json' with { type: 'json' }
import standardsList from '../../cards/standards-list.json' with { type: 'json' }
import ticketApproval from '../../cards/ticket-approval.json' with { type: 'json' }
import ticketConfirm from '../../cards/ticket-confirm.json' with { type: 'json' }
import ticketEscalation from '../../cards/ticket-escalation.json' with { type: 'json' }
import ticketForm from '../../cards/ticket-form.json' with { type: 'json' }
import ticketList from '../../cards/ticket-list.json' with { type: 'json' }
import ticketSatisfaction from '../../cards/ticket-satisfaction.json' with { type: 'json' }
import ticketTask from '../../cards/ticket-task.json' with { type: 'json' }
import welcome from '../../cards/welcome.json' with { type: 'json' }
import { AppError } from '../errors.ts'
import type { CardModel } from './model.ts'
import { fillCardTemplate } from './template.ts'

export interface CardTemplateFile {
  /** What the card is for, for the staff who edit it. */
  description: string
  /** Example data: every template renders with it, for every platform, in tests. */
  sample: Record<string, unknown>
  /** The card, with {{placeholders}} and $if/$unless/$each (see template.ts). */
  card: Record<string, unknown>
}

export const CARD_TEMPLATES: Record<string, CardTemplateFile> = {
  'ticket-approval': ticketApproval,
  'ticket-confirm': ticketConfirm,
  'ticket-escalation': ticketEscalation,
  'ticket-form': ticketForm,
  'ticket-list': ticketList,
  'ticket-satisfaction': ticketSatisfaction,
  'ticket-task': ticketTask,
  help,
  welcome,
  'award-finder': awardFinder,
  'binding-request': bindingRequest,
  'binding-status': bindingStatus,
  eligibility,
  'enterprise-profile': enterpriseProfile,
  'standards-list': standardsList,
  'policy-answer': policyAnswer,
  'policy-source': policySource,
  'knowledge-decline': knowledgeDecline,
}

export function renderCard(name: string, data: Record<string, unknown>): CardModel {
  const template = CARD_TEMPLATES[name]
  if (!template) throw new AppError('card_template_unknown', `no card template named ${name}`)
  return fillCardTemplate(name, template.card, data)
}

/** Binds a template to the zod schema of the data it takes: the feature that sends the card owns the schema. */
export function defineCard<S extends z.ZodType<Record<string, unknown>>>(name: string, schema: S) {
  return (data: z.input<S>): CardModel => renderCard(name, schema.parse(data))
}
