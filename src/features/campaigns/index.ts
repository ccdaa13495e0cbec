// The campaigns feature (方案四、(五)): before 世界计量日, 世界认可日, 质量月 and 世界标准日 staff get a draft
// broadcast, edit it, an official approves it, and one click sends it to the registered enterprise groups, once each.
import type { Feature } from '../../bot/feature.ts'
import { approvalCard, draftCard } from './campaign.cards.ts'
import { draftCampaigns } from './campaign.draft.ts'
import { campaignsRecognizer } from './campaigns.recognizer.ts'
import { groupsSeeder } from './campaigns.seeder.ts'
import {
  campaignApproveAction,
  campaignRejectAction,
  campaignSendAction,
  campaignSubmitAction,
} from './handlers/campaign.actions.ts'
import { campaignEditHandler, campaignGroupHandler } from './handlers/campaign.messages.ts'

export const campaignsFeature: Feature = {
  name: 'campaigns',
  recognizers: [campaignsRecognizer],
  messages: [campaignEditHandler, campaignGroupHandler],
  actions: [campaignSubmitAction, campaignApproveAction, campaignRejectAction, campaignSendAction],
  cards: [draftCard, approvalCard],
  jobs: [
    {
      name: 'campaign-drafts',
      cron: '0 9 * * *',
      // Once a day in Asia/Shanghai, and a run missed while no instance was up is caught up at start-up.
      period: 'day',
      catchUp: true,
      description: 'draft the broadcast of a campaign day coming up and send it to staff for editing and approval',
      run: (deps, now) => draftCampaigns(deps, now),
    },
  ],
  seeders: [groupsSeeder],
}
