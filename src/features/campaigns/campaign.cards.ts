// The campaign cards (draft and approval) bound to their data, rendered from a campaign row as it stands.
import { z } from 'zod'
import approvalTemplate from '../../../cards/campaign-approval.json' with { type: 'json' }
import draftTemplate from '../../../cards/campaign-draft.json' with { type: 'json' }
import type { CardModel } from '../../cards/model.ts'
import { defineCard } from '../../cards/registry.ts'
import type { CampaignRow } from './campaign.repo.ts'
import { campaignDay, dateLabel } from './campaigns.config.ts'

/** What both cards show of the campaign: which day, the text and who it goes to. */
const campaignFields = {
  campaignId: z.number().int().positive(),
  name: z.string(),
  when: z.string(),
  text: z.string(),
  audience: z.string(),
}

export const draftCard = defineCard(
  'campaign-draft',
  draftTemplate,
  z.object({
    ...campaignFields,
    status: z.string(),
    editForm: z.boolean(),
    editText: z.boolean(),
    showSubmit: z.boolean(),
    showSend: z.boolean(),
    note: z.string().default(''),
  }),
)

export const approvalCard = defineCard(
  'campaign-approval',
  approvalTemplate,
  z.object({
    ...campaignFields,
    submittedBy: z.string(),
    decided: z.string().default(''),
  }),
)

export const campaignSubject = (id: number) => `campaign:${id}`

const STATUS: Record<string, string> = {
  draft: '草稿，待提交审批',
  pending_approval: '已提交，待领导审批',
  approved: '已审批同意，待发送',
  rejected: '已退回，请修改后重新提交',
  sent: '已发送',
}

const header = (row: CampaignRow) => {
  const day = campaignDay(row.code)
  return { name: day?.name ?? row.code, when: day ? `${row.year}年${dateLabel(day)}` : String(row.year) }
}

export function renderDraftCard(row: CampaignRow, audience: string, forms: boolean, note = ''): CardModel {
  const editable = row.status === 'draft' || row.status === 'rejected'
  return {
    ...draftCard({
      campaignId: row.id,
      ...header(row),
      text: row.text,
      audience,
      status: STATUS[row.status] ?? row.status,
      editForm: editable && forms,
      editText: editable && !forms,
      showSubmit: editable && !forms,
      showSend: row.status === 'approved',
      note,
    }),
    subject: campaignSubject(row.id),
  }
}

export function renderApprovalCard(row: CampaignRow, audience: string, submittedBy: string, decided = ''): CardModel {
  return {
    ...approvalCard({ campaignId: row.id, ...header(row), text: row.text, audience, submittedBy, decided }),
    subject: campaignSubject(row.id),
  }
}
