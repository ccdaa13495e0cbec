// A campaign's steps: staff edit and submit the draft, an official of the approving department (or an admin)
// approves or sends it back, and staff send the approved text to every registered enterprise group with one click.
// Every step is claimed with a conditional update on the status, so a second click or a replayed one changes
// nothing; each group's copy is a unique CampaignDelivery row and an outbox row keyed on campaign, year and group.
import type { Actor } from '../../bot/types.ts'
import type { CoreDeps } from '../../deps.ts'
import { enqueueMessage } from '../../outbox/outbox.repo.ts'
import { addressOf } from '../people/addresses.ts'
import { findStaff, officialsOf, resolveStaff } from '../staff/staff.repo.ts'
import type { StaffView } from '../staff/staff.schema.ts'
import { fullTime } from '../tickets/time.ts'
import { renderApprovalCard, renderDraftCard } from './campaign.cards.ts'
import { type CampaignLook, refreshCampaignCards } from './campaign.refresh.ts'
import { activeGroups, audiencePreview, type CampaignRow, findCampaign } from './campaign.repo.ts'
import { CAMPAIGNS, TEXT_MAX, TEXT_MIN } from './campaigns.config.ts'

export type CampaignOutcome =
  | { ok: true; row: CampaignRow; look: CampaignLook; message: string }
  | { ok: false; reason: 'not_found' | 'not_allowed' | 'invalid' | 'state'; message: string; row?: CampaignRow }

const NOT_ALLOWED = '您没有办理此操作的权限，操作未生效。'
const EDITABLE = ['draft', 'rejected']

/** Approves: an official of the approving department, or an admin (officialsOf asks admins when there is none). */
export const canApproveCampaign = (staff: StaffView | null) =>
  Boolean(
    staff?.active &&
      (staff.role === 'admin' || (staff.role === 'official' && staff.department === CAMPAIGNS.approvalDepartment)),
  )

async function lookOf(deps: CoreDeps, row: CampaignRow): Promise<CampaignLook> {
  const submitter = row.editedBy ? await findStaff(deps.db, row.editedBy) : null
  const approver = row.approvedBy ? await findStaff(deps.db, row.approvedBy) : null
  const when = row.decidedAt ? ` · ${fullTime(row.decidedAt)}` : ''
  const decided =
    row.status === 'approved' || row.status === 'sent'
      ? `已同意 · ${approver?.name ?? ''}${when}`
      : row.status === 'rejected'
        ? `已退回修改 · ${approver?.name ?? ''}${when}`
        : ''
  return { submittedBy: submitter?.name ?? '—', decided }
}

async function load(deps: CoreDeps, operator: Actor, id: number) {
  const staff = await resolveStaff(deps.db, operator)
  const row = await findCampaign(deps.db, id)
  return { staff, row }
}

function checkText(text: string): string | null {
  const t = text.trim()
  if (t.length < TEXT_MIN) return `宣传稿过短，请至少写 ${TEXT_MIN} 个字。`
  if (t.length > TEXT_MAX) return `宣传稿过长，请控制在 ${TEXT_MAX} 字以内。`
  return null
}

/** Staff replace the draft's text (while it is a draft or was sent back). */
export async function editCampaign(
  deps: CoreDeps,
  operator: Actor,
  id: number,
  text: string,
): Promise<CampaignOutcome> {
  const { staff, row } = await load(deps, operator, id)
  if (!staff) return { ok: false, reason: 'not_allowed', message: NOT_ALLOWED }
  if (!row) return { ok: false, reason: 'not_found', message: `没有编号为 ${id} 的宣传稿。` }
  const problem = checkText(text)
  if (problem) return { ok: false, reason: 'invalid', message: problem }
  const { count } = await deps.db.campaign.updateMany({
    where: { id, status: { in: EDITABLE } },
    data: { text: text.trim(), editedBy: staff.id, version: { increment: 1 } },
  })
  if (!count) return { ok: false, reason: 'state', message: '该宣传稿已提交或已发送，不能再修改。', row }
  const fresh = (await findCampaign(deps.db, id))!
  const look = await lookOf(deps, fresh)
  await refreshCampaignCards(deps, fresh, look)
  return { ok: true, row: fresh, look, message: '宣传稿已修改，请点击“提交审批”。' }
}

/** Staff submit the draft (with the form's text where the card had a form); the approvers get the approval card. */
export async function submitCampaign(
  deps: CoreDeps,
  operator: Actor,
  id: number,
  text: string | null,
  exceptCardId?: string,
): Promise<CampaignOutcome> {
  const { staff, row } = await load(deps, operator, id)
  if (!staff) return { ok: false, reason: 'not_allowed', message: NOT_ALLOWED }
  if (!row) return { ok: false, reason: 'not_found', message: '该宣传稿已失效。' }
  if (text !== null) {
    const problem = checkText(text)
    if (problem) return { ok: false, reason: 'invalid', message: problem }
  }
  const { count } = await deps.db.campaign.updateMany({
    where: { id, status: { in: EDITABLE } },
    data: {
      status: 'pending_approval',
      editedBy: staff.id,
      version: { increment: 1 },
      ...(text !== null ? { text: text.trim() } : {}),
    },
  })
  if (!count) return { ok: false, reason: 'state', message: '该宣传稿已提交，无需重复操作。', row }
  const fresh = (await findCampaign(deps.db, id))!
  const look = await lookOf(deps, fresh)
  // Existing copies first: the cards queued below are new and already show the new state.
  await refreshCampaignCards(deps, fresh, look, exceptCardId)
  const audience = await audiencePreview(deps)
  for (const official of await officialsOf(deps.db, CAMPAIGNS.approvalDepartment)) {
    const address = addressOf(official, { preferred: operator.platform, ports: deps.ports })
    if (!address) continue
    await enqueueMessage(deps.db, {
      address,
      body: { kind: 'card', card: renderApprovalCard(fresh, audience, staff.name) },
      dedupeKey: `campaign:${id}:v${fresh.version}:approval:${official.id}`,
    })
  }
  return { ok: true, row: fresh, look, message: '已提交审批。' }
}

/** An approver decides; the submitter hears it with the draft card (一键发送 once approved). */
export async function decideCampaign(
  deps: CoreDeps,
  operator: Actor,
  id: number,
  approve: boolean,
  exceptCardId?: string,
): Promise<CampaignOutcome> {
  const { staff, row } = await load(deps, operator, id)
  if (!row) return { ok: false, reason: 'not_found', message: '该宣传稿已失效。' }
  if (!staff || !canApproveCampaign(staff)) return { ok: false, reason: 'not_allowed', message: NOT_ALLOWED }
  const { count } = await deps.db.campaign.updateMany({
    where: { id, status: 'pending_approval' },
    data: {
      status: approve ? 'approved' : 'rejected',
      approvedBy: staff.id,
      decidedAt: deps.clock.now(),
      version: { increment: 1 },
    },
  })
  if (!count) return { ok: false, reason: 'state', message: '该宣传稿已审批，无需重复操作。', row }
  const fresh = (await findCampaign(deps.db, id))!
  const look = await lookOf(deps, fresh)
  await refreshCampaignCards(deps, fresh, look, exceptCardId)
  const submitter = fresh.editedBy ? await findStaff(deps.db, fresh.editedBy) : null
  const address = submitter ? addressOf(submitter, { preferred: operator.platform, ports: deps.ports }) : null
  if (address) {
    const note = approve ? '领导已同意，请点击“一键发送”发到企业群。' : '领导已退回，请修改后重新提交。'
    await enqueueMessage(deps.db, {
      address,
      body: {
        kind: 'card',
        card: renderDraftCard(fresh, await audiencePreview(deps), deps.capabilities(address.platform).forms, note),
      },
      dedupeKey: `campaign:${id}:v${fresh.version}:decided`,
    })
  }
  return { ok: true, row: fresh, look, message: approve ? '已同意。' : '已退回修改。' }
}

/** Staff send the approved text to every registered group; each group receives it once. */
export async function sendCampaign(
  deps: CoreDeps,
  operator: Actor,
  id: number,
  exceptCardId?: string,
): Promise<CampaignOutcome> {
  const { staff, row } = await load(deps, operator, id)
  if (!staff) return { ok: false, reason: 'not_allowed', message: NOT_ALLOWED }
  if (!row) return { ok: false, reason: 'not_found', message: '该宣传稿已失效。' }
  const { count } = await deps.db.campaign.updateMany({
    where: { id, status: 'approved' },
    data: { status: 'sent', sentAt: deps.clock.now(), version: { increment: 1 } },
  })
  if (!count) {
    const message = row.status === 'sent' ? '该宣传稿已发送，无需重复操作。' : '宣传稿尚未审批同意，不能发送。'
    return { ok: false, reason: 'state', message, row }
  }
  let groups = 0
  for (const group of await activeGroups(deps.db)) {
    const existing = await deps.db.campaignDelivery.findUnique({
      where: { campaignId_platform_chatId: { campaignId: id, platform: group.platform, chatId: group.chatId } },
    })
    if (existing) continue
    await deps.db.campaignDelivery.create({ data: { campaignId: id, platform: group.platform, chatId: group.chatId } })
    await enqueueMessage(deps.db, {
      address: { platform: group.platform, chatId: group.chatId },
      body: { kind: 'text', text: row.text },
      dedupeKey: `campaign:${row.code}:${row.year}:group:${group.platform}:${group.chatId}`,
    })
    groups++
  }
  const fresh = (await findCampaign(deps.db, id))!
  const look = await lookOf(deps, fresh)
  await refreshCampaignCards(deps, fresh, look, exceptCardId)
  return { ok: true, row: fresh, look, message: `已发送到 ${groups} 个企业群。` }
}
