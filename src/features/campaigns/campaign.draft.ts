// The `campaign-drafts` job: within draftDaysBefore days of a campaign day, the year's campaign is drafted once
// (unique per day and year) and its draft card goes to the staff of the drafting department (admins if none).
import type { CoreDeps } from '../../deps.ts'
import { enqueueMessage } from '../../outbox/outbox.repo.ts'
import { addressOf } from '../people/addresses.ts'
import { listActiveStaff } from '../staff/staff.repo.ts'
import { renderDraftCard } from './campaign.cards.ts'
import { audiencePreview } from './campaign.repo.ts'
import { CAMPAIGNS, draftsDue } from './campaigns.config.ts'

export async function draftCampaigns(deps: CoreDeps, now: Date): Promise<{ drafted: number; sent: number }> {
  let drafted = 0
  let sent = 0
  for (const { day, year } of draftsDue(now)) {
    await deps.db.$transaction(async (tx) => {
      const key = { code_year: { code: day.code, year } }
      let row = await tx.campaign.findUnique({ where: key })
      if (!row) {
        // An upsert, not a caught unique violation (which would abort a PostgreSQL transaction).
        row = await tx.campaign.upsert({
          where: key,
          create: { code: day.code, year, text: day.draft, createdAt: now },
          update: {},
        })
        drafted++
      }
      if (row.status !== 'draft') return
      const all = await listActiveStaff(tx)
      const department = all.filter((s) => s.department === CAMPAIGNS.draftDepartment && s.role === 'staff')
      const audience = await audiencePreview({ db: tx, capabilities: deps.capabilities })
      for (const staff of department.length ? department : all.filter((s) => s.role === 'admin')) {
        const address = addressOf(staff, { ports: deps.ports })
        if (!address) continue
        const forms = deps.capabilities(address.platform).forms
        const { cardId } = await enqueueMessage(tx, {
          address,
          body: { kind: 'card', card: renderDraftCard(row, audience, forms) },
          dedupeKey: `campaign:${row.id}:draft:${staff.id}`,
        })
        if (cardId) sent++
      }
    })
  }
  if (sent) deps.outbox.kick()
  return { drafted, sent }
}
