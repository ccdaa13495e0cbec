// What every ticket button handler shares: reading the ticket reference a button carries, and turning an
// action's outcome into the click's answer (toast + the clicked card as it should look now).
import { z } from 'zod'
import type { CardActionContext, HandlerResult } from '../../../bot/handler.ts'
import type { CardModel } from '../../../cards/model.ts'
import type { ActionOutcome } from '../ticket.actions.ts'
import { loadTicketContext } from '../ticket.people.ts'
import { currentTicketCard } from '../ticket.refresh.ts'
import { findTicket, type TicketRow } from '../ticket.repo.ts'

export const ticketRefSchema = z.object({
  t: z.coerce.number().int().positive(),
  tv: z.coerce.number().int().positive(),
})
export type TicketRef = z.infer<typeof ticketRefSchema>

export const BAD_BUTTON: HandlerResult = {
  intent: 'ticket_refused',
  cardResponse: { toast: { type: 'warning', text: '该按钮已失效，请发送“我的工单进度”或“我的待办”查看最新状态。' } },
}

export function readRef(ctx: CardActionContext): TicketRef | null {
  const parsed = ticketRefSchema.safeParse(ctx.event.value)
  return parsed.success ? parsed.data : null
}

/** The clicked card redrawn from the ticket's current state (null when the click came without a known card). */
export async function redraw(ctx: CardActionContext, ticket: TicketRow | undefined): Promise<CardModel | undefined> {
  if (!ctx.card || !ticket) return undefined
  const context = await loadTicketContext(ctx.deps.db, ticket)
  return (
    (await currentTicketCard(ctx.deps, ctx.deps.db, ctx.card.template, ctx.card.platform, context, ctx.card.model)) ??
    undefined
  )
}

export async function answerClick(
  ctx: CardActionContext,
  outcome: ActionOutcome,
  intent: string,
): Promise<HandlerResult> {
  if (outcome.ok) {
    return {
      intent,
      cardResponse: { toast: { type: 'success', text: outcome.message }, card: await redraw(ctx, outcome.ticket) },
    }
  }
  // Refusals leave the ticket alone; a stale or contested card is redrawn so the clicker sees what happened.
  const refresh = outcome.reason === 'stale' || outcome.reason === 'conflict'
  const fresh = refresh && outcome.ticket ? await findTicket(ctx.deps.db, outcome.ticket.id) : null
  return {
    intent: 'ticket_refused',
    cardResponse: {
      toast: { type: outcome.reason === 'not_allowed' ? 'error' : 'warning', text: outcome.message },
      card: fresh ? await redraw(ctx, fresh) : undefined,
    },
  }
}
