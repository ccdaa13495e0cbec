// The alerts feature (三、(八)): staff publish risk alerts to exactly the enterprises concerned, 严重 ones after an
// official's approval; enterprises answer 已知悉 / 需要帮助; one reminder, then the 质量管家 is told; the publisher
// watches one live summary card. History: "最近有什么预警".

import type { Feature } from '../../bot/feature.ts'
import { ALERT_CARDS } from './alert.card-defs.ts'
import { alertsAdmin } from './alerts.admin.ts'
import { alertsDigest } from './alerts.digest.ts'
import { alertsRecognizer } from './alerts.recognizer.ts'
import { alertsReportSheet } from './alerts.report.ts'
import { alertsConsole } from './console/alerts.console.ts'
import {
  alertAckAction,
  alertApproveAction,
  alertCancelAction,
  alertConfirmAction,
  alertHelpAction,
  alertRejectAction,
} from './handlers/alert.actions.ts'
import { alertGroupHandler } from './handlers/group.handler.ts'
import { alertPublishFlow } from './handlers/publish.flow.ts'
import { alertPublishHandler, alertSubmitAction } from './handlers/publish.handlers.ts'
import { alertHistoryHandler } from './history.ts'
import { escalateSilent, sendReminders } from './reminders.ts'
import { spotChecksImport } from './spot-checks/spot-checks.import.ts'
import { refreshSummaries } from './summary.ts'

export const alertsFeature: Feature = {
  name: 'alerts',
  digest: alertsDigest,
  admin: [alertsAdmin],
  imports: [spotChecksImport],
  reportSheets: [alertsReportSheet],
  console: alertsConsole,
  recognizers: [alertsRecognizer],
  messages: [alertPublishHandler, alertHistoryHandler, alertGroupHandler],
  flows: [alertPublishFlow],
  actions: [
    alertSubmitAction,
    alertConfirmAction,
    alertCancelAction,
    alertApproveAction,
    alertRejectAction,
    alertAckAction,
    alertHelpAction,
  ],
  cards: ALERT_CARDS,
  jobs: [
    {
      name: 'alert-summary',
      cron: '* * * * *',
      description: "redraw each publisher's alert summary card once for the receipts of the last minute",
      run: (deps, now) => refreshSummaries(deps, now),
    },
    {
      name: 'alert-reminders',
      cron: '*/5 * * * *',
      description: 'remind enterprises without a receipt once before the deadline; after it, tell their 质量管家',
      run: async (deps, now) => ({
        reminded: await sendReminders(deps, now),
        escalated: await escalateSilent(deps, now),
      }),
    },
  ],
}
