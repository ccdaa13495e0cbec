// Recognizes the two halves of linking a staff account: a lead asking for a code ("生成绑定码 张工", optionally
// with the department) and a colleague using one ("绑定工作人员 张工 123456"). Asked before the enterprises
// recognizer, whose "绑定…" pattern would otherwise take the second one (see src/bot/handlers.ts).
import type { IntentRecognizer } from '../../bot/handler.ts'

const ISSUE =
  /^(?:请|帮我)?(?:生成|获取)(?:工作人员|员工)?绑定码[\s:：]*([^\s,，:：]+)(?:[\s,，]+([^\s,，。]+))?[。.]?$/
const REDEEM = /^绑定(?:工作人员|员工)(?:账号)?[\s:：]*(.*)$/
const NAME_AND_CODE = /^([^\s,，:：]+?)[\s,，:：]*(\d{6})[。.!！]?$/

const asciiDigits = (text: string) => text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))

export const staffRecognizer: IntentRecognizer = {
  name: 'staff',
  recognize(text) {
    const trimmed = asciiDigits(text.trim())
    const issue = ISSUE.exec(trimmed)
    if (issue && !/^\d+$/.test(issue[1]!)) {
      return { intent: 'staff.link_code.issue', confidence: 1, data: { name: issue[1], department: issue[2] } }
    }
    const redeem = REDEEM.exec(trimmed)
    if (!redeem) return null
    const parts = NAME_AND_CODE.exec(redeem[1]!.trim())
    return {
      intent: 'staff.link_code.redeem',
      confidence: 1,
      data: parts ? { name: parts[1], code: parts[2] } : {},
    }
  },
}
