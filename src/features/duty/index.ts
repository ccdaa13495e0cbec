// The duty feature: enterprises' 日管控 / 周排查 / 月调度 check-ins (方案三、(九)) for enterprises flagged with a duty
// class, answered by their 质量安全总监 / 质量安全员, followed up with one reminder and then the covering 质量管家.
// `checkinCompletion` (monthly rates) and `checkinDigestSection` (a staff member's open check-ins today) are what
// the monthly card and the staff digest read.

import type { Feature } from '../../bot/feature.ts'
import { checkinCard } from './checkin.card.ts'
import { followUpCheckins } from './checkin.followup.ts'
import { issueCheckins } from './checkin.issue.ts'
import { dutyDigest } from './duty.digest.ts'
import { dutyReportSheet } from './duty.report.ts'
import { dutyDoneAction, dutyProblemAction } from './handlers/checkin.actions.ts'

export { checkinCompletion, checkinDigestSection, checkinDigestSections } from './checkin.rates.ts'

export const dutyFeature: Feature = {
  name: 'duty',
  digest: dutyDigest,
  reportSheets: [dutyReportSheet],
  actions: [dutyDoneAction, dutyProblemAction],
  cards: [checkinCard],
  jobs: [
    {
      name: 'duty-checkins',
      cron: '0 9 * * *',
      // Once a day in Asia/Shanghai, and a run missed while no instance was up is caught up at start-up.
      period: 'day',
      catchUp: true,
      description: 'on working days, send the day’s 日管控 (and 周排查 / 月调度 when due) check-ins to duty contacts',
      run: (deps, now) => issueCheckins(deps, now),
    },
    {
      name: 'duty-followup',
      cron: '*/30 * * * *',
      description: 'remind unanswered check-ins once at their deadline, then tell the covering 质量管家',
      run: (deps, now) => followUpCheckins(deps, now),
    },
  ],
}
