// Which texts the alerts and expiry features take: requests for the list, publishing, registering a group, and
// certificates about to expire — but not questions about the plan's risk-warning work (the knowledge base's).
import { describe, expect, it } from 'vitest'
import type { MessageEvent } from '../../src/bot/types.ts'
import type { CoreDeps } from '../../src/deps.ts'
import { alertsRecognizer } from '../../src/features/alerts/alerts.recognizer.ts'
import { expiryRecognizer } from '../../src/features/expiry/expiring.handler.ts'

const intentOf = (text: string) =>
  (alertsRecognizer.recognize(text, {} as CoreDeps, {} as MessageEvent) as { intent: string } | null)?.intent ??
  (expiryRecognizer.recognize(text, {} as CoreDeps, {} as MessageEvent) as { intent: string } | null)?.intent ??
  null

describe('alerts and expiry recognizers', () => {
  it.each([
    ['最近有什么预警', 'alert_history'],
    ['我们收到哪些预警', 'alert_history'],
    ['有什么新预警吗', 'alert_history'],
    ['预警列表', 'alert_history'],
    ['发布预警', 'alert_publish'],
    ['我要发布一条质量风险预警', 'alert_publish'],
    ['登记企业群 91330304MA2000001X', 'alert_group'],
    ['我们还有哪些证书快到期', 'cert_expiring'],
    ['证书什么时候过期', 'cert_expiring'],
  ])('%s → %s', (text, intent) => expect(intentOf(text)).toBe(intent))

  it.each([
    '方案有哪些风险预警措施',
    '质量风险预警信息会推送给企业吗',
    '实验室资质认定的风险预警怎么做',
    '我们有CMA实验室，实验室资质认定这块有风险预警吗',
    '我们啥奖都没有，就一个ISO9001证书，也能申请质量贷吗',
  ])('leaves “%s” to the knowledge base', (text) => expect(intentOf(text)).toBeNull())
})
