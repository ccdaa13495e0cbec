// 政策找企业 (四、(三)): the bot tells an enterprise, unasked, that it now meets the 质量贷/标准贷 增信 criteria or is
// one step from an award or certification — once per rule version, with evidence and the plan's clause — and
// tells the 质量管家 each week what was matched in their area.
import type { Feature } from '../../bot/feature.ts'
import { policyMatchCard, policyWeeklyCard } from './matching.card.ts'
import { runPolicyMatching } from './matching.service.ts'
import { policyOptOutAction } from './optout.action.ts'
import { sendWeeklyMatches } from './weekly.job.ts'

export const matchingFeature: Feature = {
  name: 'matching',
  actions: [policyOptOutAction],
  cards: [policyMatchCard, policyWeeklyCard],
  jobs: [
    {
      name: 'policy-matching',
      cron: '*/5 * * * *',
      description: '政策找企业: send each enterprise that newly meets a rule (at its current version) one card',
      run: (deps, now) => runPolicyMatching(deps, now),
    },
    {
      name: 'policy-weekly',
      cron: '0 9 * * 1',
      // Once a week in Asia/Shanghai, and a run missed while no instance was up is caught up at start-up.
      period: 'week',
      catchUp: true,
      description: "list each 质量管家's new 政策找企业 matches of the past week",
      run: (deps, now) => sendWeeklyMatches(deps, now),
    },
  ],
}
