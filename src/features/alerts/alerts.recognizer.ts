// "发布预警" (staff: start publishing), "登记企业群 <信用代码>" (staff, in a group) and "最近有什么预警" (the alerts
// that concern the asker).
import type { IntentRecognizer } from '../../bot/handler.ts'
import { REGISTER_GROUP } from './handlers/group.handler.ts'

const PUBLISH = /^(我要|我想|请|帮我)?(发布|发|新建|创建)(一[条个])?(质量)?(风险)?预警/
const HISTORY =
  /(最近|近期|近来|这周|本周|本月|收到|我们|我的|本企业)[^，,。？?]{0,6}预警|预警(列表|记录|回执)|^(查看|查询|看看)(最近的?)?(质量|风险)*预警$|有(什么|哪些|没有)新的?(质量|风险)*预警/
/** Questions about the plan's risk-warning work are the knowledge base's (三、(八)), not a request for the list. */
const ABOUT_POLICY = /方案|措施|机制|制度|怎么|如何|政策|推送给|推给|会不会/

export const alertsRecognizer: IntentRecognizer = {
  name: 'alerts',
  recognize(text) {
    const t = text.trim()
    if (PUBLISH.test(t)) return { intent: 'alert_publish', confidence: 1 }
    if (REGISTER_GROUP.test(t)) return { intent: 'alert_group', confidence: 1 }
    if (HISTORY.test(t) && !ABOUT_POLICY.test(t)) return { intent: 'alert_history', confidence: 0.95 }
    return null
  },
}
