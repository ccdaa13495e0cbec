// Recognizes binding, unbinding and "my enterprise" requests, a pasted credit code, and a one-time code typed by
// someone who is waiting for one. Asked before the knowledge classifier (see src/features/index.ts).
import type { IntentRecognizer } from '../../bot/handler.ts'
import { awaitsCode } from './binding-code.service.ts'
import { checkCreditCode, extractCreditCode } from './credit-code.ts'
import { extractOneTimeCode } from './one-time-code.ts'

const UNBIND = /^(请|我要|我想|帮我)?(解除|取消)(企业|公司)?绑定|^解绑/
const BIND =
  /^(请|我要|我想|帮我|申请|怎么|如何)?(绑定|关联)(一下)?(我的|我们的?|本)?(企业|公司|单位|工厂)?|绑定(企业|公司)$|^我是.{1,40}(公司|企业|厂|集团|商行)的?(人|员工|负责人|老板|经理|总经理|法人)?[。！!]?$/
const MY_ENTERPRISE =
  /^(查看|查询|看看)?(我的|我们的?|本)(企业|公司)(信息|档案|资料|情况)?[？?]?$|^(企业|公司)档案$|我绑定的(是)?(哪家|什么|哪个)?(企业|公司)|绑定了(哪家|什么|哪个)(企业|公司)/

export const enterprisesRecognizer: IntentRecognizer = {
  name: 'enterprises',
  async recognize(text, deps, event) {
    const trimmed = text.trim()
    if (UNBIND.test(trimmed)) return { intent: 'unbind', confidence: 1 }
    if (MY_ENTERPRISE.test(trimmed)) return { intent: 'my_enterprise', confidence: 1 }
    const code = extractOneTimeCode(trimmed)
    if (code && (await awaitsCode(deps, event.sender))) return { intent: 'bind', confidence: 1, data: { code } }
    const creditCode = extractCreditCode(trimmed)
    const bare = creditCode !== null && trimmed.replace(/[\s\-—]/g, '').length <= 24
    if (BIND.test(trimmed) || (bare && checkCreditCode(creditCode).ok)) {
      return { intent: 'bind', confidence: 1, data: creditCode ? { creditCode } : {} }
    }
    return null
  },
}
