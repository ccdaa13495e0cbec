// The staff feature: the people other features route work to, and linking a staff member's chat account with a
// one-time code a lead issues ("生成绑定码 张工" / "绑定工作人员 张工 123456"); and the answer to a claim of office
// typed in chat, which grants nothing. Its seeder loads the demo staff,
// which the enterprises' and tickets' demo data refer to.
import type { Feature } from '../../bot/feature.ts'
import { identityClaimHandler } from './handlers/identity-claim.handler.ts'
import { linkCodeIssueHandler } from './handlers/link-code-issue.handler.ts'
import { linkCodeRedeemHandler } from './handlers/link-code-redeem.handler.ts'
import { identityClaimRecognizer } from './identity-claim.recognizer.ts'
import { staffAdmin } from './staff.admin.ts'
import { staffImport } from './staff.import.ts'
import { staffRecognizer } from './staff.recognizer.ts'
import { staffSeeder } from './staff.seeder.ts'

export const staffFeature: Feature = {
  name: 'staff',
  // Before the enterprises feature, whose "绑定…" would otherwise take "绑定工作人员" and "我是…" a claim of office.
  recognizers: [identityClaimRecognizer, staffRecognizer],
  messages: [identityClaimHandler, linkCodeIssueHandler, linkCodeRedeemHandler],
  seeders: [staffSeeder],
  admin: [staffAdmin],
  imports: [staffImport],
}
