// The alert buttons: 确认发布 / 取消 on the preview, 同意发布 / 驳回 on the approval card, 已知悉 / 需要帮助 on
// the alert. Each reads only the alert reference from the button; who may act comes from the verified operator.
import { z } from 'zod'
import type { CardActionContext, CardActionHandler, HandlerResult } from '../../../bot/handler.ts'
import { renderNotice } from '../alert.cards.ts'
import { confirmAlert, decideAlert, type Outcome } from '../publish.ts'
import { type ReceiptKind, recordReceipt } from '../receipts.ts'

const refSchema = z.object({ al: z.coerce.number().int().positive(), av: z.coerce.number().int().positive() })
const idSchema = z.object({ al: z.coerce.number().int().positive() })

const BAD: HandlerResult = {
  intent: 'alert_refused',
  cardResponse: { toast: { type: 'warning', text: '该按钮已失效，请发送“最近有什么预警”查看。' } },
}

function answer(outcome: Outcome, intent: string): HandlerResult {
  if (outcome.ok) {
    return { intent, cardResponse: { toast: { type: 'success', text: outcome.message }, card: outcome.card } }
  }
  return { intent: 'alert_refused', cardResponse: { toast: { type: 'error', text: outcome.message } } }
}

const withRef = (run: (ctx: CardActionContext, ref: z.infer<typeof refSchema>) => Promise<HandlerResult>) => {
  return (ctx: CardActionContext) => {
    const ref = refSchema.safeParse(ctx.event.value)
    return ref.success ? run(ctx, ref.data) : Promise.resolve(BAD)
  }
}

export const alertConfirmAction: CardActionHandler = {
  action: 'alert.confirm',
  handle: withRef(async (ctx, ref) =>
    answer(await confirmAlert(ctx.deps, ctx.event.operator, ref, false), 'alert_confirmed'),
  ),
}

export const alertCancelAction: CardActionHandler = {
  action: 'alert.cancel',
  handle: withRef(async (ctx, ref) =>
    answer(await confirmAlert(ctx.deps, ctx.event.operator, ref, true), 'alert_cancelled'),
  ),
}

export const alertApproveAction: CardActionHandler = {
  action: 'alert.approve',
  handle: withRef(async (ctx, ref) =>
    answer(await decideAlert(ctx.deps, ctx.event.operator, ref, true, ctx.card?.id), 'alert_approved'),
  ),
}

export const alertRejectAction: CardActionHandler = {
  action: 'alert.reject',
  handle: withRef(async (ctx, ref) =>
    answer(await decideAlert(ctx.deps, ctx.event.operator, ref, false, ctx.card?.id), 'alert_rejected'),
  ),
}

async function receipt(ctx: CardActionContext, kind: ReceiptKind): Promise<HandlerResult> {
  const ref = idSchema.safeParse(ctx.event.value)
  if (!ref.success) return BAD
  const outcome = await recordReceipt(ctx.deps, {
    alertId: ref.data.al,
    operator: ctx.event.operator,
    chat: ctx.event.chat,
    kind,
  })
  if (!outcome.ok) {
    return { intent: 'alert_refused', cardResponse: { toast: { type: 'error', text: outcome.message } } }
  }
  // A one-to-one copy shows the enterprise's receipt; a group copy stays open for the other enterprises in it.
  const own = ctx.card && !ctx.card.chatId && ctx.card.model.subject
  const card = own ? renderNotice(outcome.alert, ctx.card!.model.subject!, { receipt: outcome.receipt }) : undefined
  const type = 'already' in outcome ? 'info' : 'success'
  return { intent: `alert_${kind}`, cardResponse: { toast: { type, text: outcome.message }, card } }
}

export const alertAckAction: CardActionHandler = { action: 'alert.ack', handle: (ctx) => receipt(ctx, 'acknowledged') }
export const alertHelpAction: CardActionHandler = { action: 'alert.help', handle: (ctx) => receipt(ctx, 'needs_help') }
