// The targets feature: the plan's measurable targets (二、主要目标) as data, their progress from enterprise records
// or staff's figures, and the monthly 月调度 card for officials (targets with a chart of their course, last
// month's tickets, SLA and satisfaction, check-in completion).
import type { Feature } from '../../bot/feature.ts'
import { progressImage } from './chart-svg.ts'
import { targetsListHandler, targetsMonthlyHandler, targetsRecordHandler } from './handlers/targets.handlers.ts'
import { monthlyCard } from './monthly.card.ts'
import { sendMonthlyCard } from './monthly.service.ts'
import { targetsAdmin } from './targets.admin.ts'
import { targetsConsole } from './targets.console.tsx'
import { targetsRecognizer } from './targets.recognizer.ts'
import { targetsReportSheet } from './targets.report.ts'
import { targetsSeeder } from './targets.seeder.ts'

export const targetsFeature: Feature = {
  name: 'targets',
  recognizers: [targetsRecognizer],
  messages: [targetsListHandler, targetsRecordHandler, targetsMonthlyHandler],
  cards: [monthlyCard],
  images: [progressImage],
  seeders: [targetsSeeder],
  admin: [targetsAdmin],
  console: targetsConsole,
  reportSheets: [targetsReportSheet],
  jobs: [
    {
      name: 'targets-monthly',
      // Fires on the first seven days: sends on the month's first working day, or the first run after it when that
      // day's run was missed; once a month (the month's snapshot marks it sent).
      cron: '0 9 1-7 * *',
      description:
        'on the first working day of the month, send the 月调度 card (targets, tickets, check-ins) to officials',
      run: (deps, now) => sendMonthlyCard(deps, now),
    },
  ],
}
