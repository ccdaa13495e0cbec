// What both transports (HTTP webhook, long connection) do with an authenticated envelope: answer a challenge, hand
// an event to the core (stored, processed after the ack), or run a card click and answer it within 3 s.
import type { BotCore } from '../../bot/core.ts'
import type { CardActionEvent, CardActionResponse } from '../../bot/types.ts'
import type { CoreDeps } from '../../deps.ts'
import type { FeishuApi } from './api.ts'
import { decodeEnvelope, type Envelope } from './decode.ts'
import { renderCallbackResponse, renderFeishuCard, renderLegacyCallbackResponse } from './render.ts'

/** Feishu shows an error to the clicker after 3 s; answer before that and finish with a delayed update. */
export const CARD_ANSWER_BUDGET_MS = 2500

export interface ReceiveContext {
  deps: CoreDeps
  core: BotCore
  api: FeishuApi
  botOpenId: () => Promise<string | undefined>
  /** Defaults to CARD_ANSWER_BUDGET_MS. */
  cardBudgetMs?: number
}

export type Answer = { status: 200 | 400; body: Record<string, unknown>; outcome: string }

function lateUpdate(ctx: ReceiveContext, event: CardActionEvent, pending: Promise<CardActionResponse>) {
  ctx.deps.defer(async () => {
    const response = await pending
    if (!response.card || !event.updateToken) return
    // The delayed-update token must be used after the callback was answered, which it has been by now.
    const outcome = await ctx.api.updateCardByToken(event.updateToken, renderFeishuCard(response.card))
    if (!outcome.ok) ctx.deps.log.warn('feishu delayed card update failed', { code: outcome.code, msg: outcome.msg })
  })
}

async function answerCard(ctx: ReceiveContext, event: CardActionEvent, legacy: boolean): Promise<Answer> {
  const pending = ctx.core.handleCardAction(ctx.deps, event)
  let timer: ReturnType<typeof setTimeout> | undefined
  const slow = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ctx.cardBudgetMs ?? CARD_ANSWER_BUDGET_MS)
  })
  const response = await Promise.race([pending, slow]).finally(() => clearTimeout(timer))
  if (!response) {
    ctx.deps.log.warn('feishu card action slower than the callback budget', { action: event.action })
    lateUpdate(ctx, event, pending)
    const waiting: CardActionResponse = { toast: { type: 'info', text: '已收到，正在处理，请稍候。' } }
    return { status: 200, body: legacy ? {} : renderCallbackResponse(waiting), outcome: 'card_late' }
  }
  const body = legacy ? renderLegacyCallbackResponse(response) : renderCallbackResponse(response)
  return { status: 200, body, outcome: 'card_answered' }
}

export async function receiveEnvelope(ctx: ReceiveContext, envelope: Envelope): Promise<Answer> {
  if (envelope.type === 'challenge') {
    return { status: 200, body: { challenge: envelope.challenge }, outcome: 'challenge' }
  }
  const botOpenId = envelope.type === 'v2' ? await ctx.botOpenId() : undefined
  const decoded = decodeEnvelope(envelope, { botOpenId, now: ctx.deps.clock.now() })
  switch (decoded.kind) {
    case 'invalid':
      return { status: 400, body: { error: 'bad_request', reason: decoded.reason }, outcome: decoded.reason }
    case 'ignored':
      ctx.deps.log.debug('feishu event ignored', { reason: decoded.reason })
      return { status: 200, body: {}, outcome: `ignored:${decoded.reason}` }
    case 'card':
      return answerCard(ctx, decoded.event, decoded.style === 'legacy')
    case 'event': {
      const { status } = await ctx.core.acceptEvent(ctx.deps, decoded.event)
      return { status: 200, body: {}, outcome: status }
    }
  }
}
