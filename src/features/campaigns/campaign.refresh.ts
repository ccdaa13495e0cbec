// Keeps every copy of a campaign's cards in step with the campaign: after a change each draft and approval card is
// re-rendered and updated (in place where the platform can; elsewhere silently, so an old copy's buttons go stale).
import type { CardModel } from '../../cards/model.ts'
import type { CoreDeps } from '../../deps.ts'
import { findSentCard, updateSentCard } from '../../outbox/outbox.repo.ts'
import { campaignSubject, renderApprovalCard, renderDraftCard } from './campaign.cards.ts'
import { audiencePreview, type CampaignRow } from './campaign.repo.ts'

export interface CampaignLook {
  submittedBy: string
  decided: string
}

export async function campaignCardFor(
  deps: CoreDeps,
  template: string,
  platform: string,
  row: CampaignRow,
  look: CampaignLook,
): Promise<CardModel | null> {
  const audience = await audiencePreview(deps)
  if (template === 'campaign-draft') return renderDraftCard(row, audience, deps.capabilities(platform).forms)
  if (template === 'campaign-approval') return renderApprovalCard(row, audience, look.submittedBy, look.decided)
  return null
}

export async function refreshCampaignCards(deps: CoreDeps, row: CampaignRow, look: CampaignLook, except?: string) {
  const rows = await deps.db.sentCard.findMany({ where: { subject: campaignSubject(row.id) }, select: { id: true } })
  for (const { id } of rows) {
    if (id === except) continue
    const sent = await findSentCard(deps.db, id)
    if (!sent) continue
    const card = await campaignCardFor(deps, sent.template, sent.platform, row, look)
    if (!card) continue
    await updateSentCard(deps.db, id, sent.version, card, { push: deps.capabilities(sent.platform).inPlaceCardUpdate })
  }
}
