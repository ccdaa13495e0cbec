// The campaign buttons: 提交审批 (staff; with the edited text where the card is a form), 同意发送 / 退回修改 (an
// approver), 一键发送 (staff). Who may is decided from the verified operator (campaign.service.ts).
import { z } from 'zod'
import type { CardActionContext, CardActionHandler, HandlerResult } from '../../../bot/handler.ts'
import { campaignCardFor } from '../campaign.refresh.ts'
import { type CampaignOutcome, decideCampaign, sendCampaign, submitCampaign } from '../campaign.service.ts'

const refSchema = z.object({ k: z.coerce.number().int().positive() })

async function answer(ctx: CardActionContext, intent: string, outcome: CampaignOutcome): Promise<HandlerResult> {
  const redraw = async () => {
    if (!ctx.card || !outcome.row) return undefined
    const look = outcome.ok ? outcome.look : { submittedBy: '—', decided: '' }
    return (await campaignCardFor(ctx.deps, ctx.card.template, ctx.card.platform, outcome.row, look)) ?? undefined
  }
  if (outcome.ok) {
    return { intent, cardResponse: { toast: { type: 'success', text: outcome.message }, card: await redraw() } }
  }
  const type = outcome.reason === 'not_allowed' ? 'error' : 'warning'
  // A decided or sent campaign: the clicked card is redrawn so the clicker sees where it stands.
  const card = outcome.reason === 'state' ? await redraw() : undefined
  return { intent: 'campaign_refused', cardResponse: { toast: { type, text: outcome.message }, card } }
}

function action(
  name: string,
  run: (ctx: CardActionContext, id: number) => Promise<CampaignOutcome>,
): CardActionHandler {
  return {
    action: name,
    async handle(ctx) {
      const ref = refSchema.safeParse(ctx.event.value)
      if (!ref.success) {
        return { intent: 'campaign_refused', cardResponse: { toast: { type: 'warning', text: '该按钮已失效。' } } }
      }
      return answer(ctx, name.replace('.', '_'), await run(ctx, ref.data.k))
    },
  }
}

export const campaignSubmitAction = action('campaign.submit', (ctx, id) =>
  submitCampaign(ctx.deps, ctx.event.operator, id, ctx.event.form.text ?? null, ctx.card?.id),
)
export const campaignApproveAction = action('campaign.approve', (ctx, id) =>
  decideCampaign(ctx.deps, ctx.event.operator, id, true, ctx.card?.id),
)
export const campaignRejectAction = action('campaign.reject', (ctx, id) =>
  decideCampaign(ctx.deps, ctx.event.operator, id, false, ctx.card?.id),
)
export const campaignSendAction = action('campaign.send', (ctx, id) =>
  sendCampaign(ctx.deps, ctx.event.operator, id, ctx.card?.id),
)
