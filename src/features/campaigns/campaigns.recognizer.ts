// Staff commands for campaigns: “修改宣传稿 编号 全文” (where cards hold no form) and, typed in an enterprise group,
// “登记企业群” / “取消登记企业群” (the audience of campaign broadcasts).
import type { IntentRecognizer } from '../../bot/handler.ts'

const EDIT = /^修改宣传稿\s*(\d{1,9})\s+([\s\S]+)$/
const GROUP = /^(取消)?登记企业群$/

export const campaignsRecognizer: IntentRecognizer = {
  name: 'campaigns',
  recognize(text) {
    const t = text.trim()
    const edit = EDIT.exec(t)
    if (edit) return { intent: 'campaigns.edit', confidence: 1, data: { id: Number(edit[1]), text: edit[2] } }
    if (/^修改宣传稿/.test(t)) return { intent: 'campaigns.edit', confidence: 1, data: {} }
    const group = GROUP.exec(t)
    if (group) return { intent: 'campaigns.group', confidence: 1, data: { remove: Boolean(group[1]) } }
    return null
  },
}
