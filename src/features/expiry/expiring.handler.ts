// "我们还有哪些证书快到期": the asker's own enterprise's certificates that expire within 90 days, and those that
// have expired, from its record. Only the bound enterprise's; nobody else's.
import type { IntentRecognizer, MessageHandler } from '../../bot/handler.ts'
import { text } from '../../bot/handler.ts'
import { formatDate } from '../enterprises/dates.ts'
import { findBoundEnterprise } from '../enterprises/enterprise.service.ts'
import { APPLY_CERTIFICATION, certListCard } from './expiry.cards.ts'
import { daysLeft, HORIZON_MS } from './thresholds.ts'

const ASKS = /证书.{0,8}(到期|过期|失效|有效期)|(到期|过期|快到期).{0,6}证书/
const HOW = /流程|手续|怎么(续|办|弄|申请)|如何|要走|需要什么|材料|几年|多久|多长|报名|考/

export const expiryRecognizer: IntentRecognizer = {
  name: 'expiry',
  // "证书快到期了，续证要走什么流程" asks how to renew, which the record cannot answer.
  recognize: (t) => (ASKS.test(t) && !HOW.test(t) ? { intent: 'cert_expiring', confidence: 0.95 } : null),
}

export const certExpiringHandler: MessageHandler = {
  intent: 'cert_expiring',
  async handle({ deps, event }) {
    const enterprise = await findBoundEnterprise(deps.db, event.sender.platform, event.sender.userId)
    if (!enterprise) {
      return {
        intent: 'cert_expiring',
        replies: [text('证书信息按企业档案查询。您尚未绑定企业，发送“绑定企业”完成绑定后即可查看。')],
      }
    }
    const now = deps.clock.now()
    const soon = enterprise.certificates
      .filter((c) => c.expiresAt && c.expiresAt.getTime() <= now.getTime() + HORIZON_MS)
      .sort((a, b) => a.expiresAt!.getTime() - b.expiresAt!.getTime())
    const items = soon.map((c) => {
      const days = daysLeft(c.expiresAt!, now)
      const when =
        days > 0 ? `有效期至 ${formatDate(c.expiresAt!)}，还有 ${days} 天` : `已于 ${formatDate(c.expiresAt!)} 到期`
      return { line: `**${c.title}**${c.number ? `（编号 ${c.number}）` : ''}　${when}` }
    })
    const card = certListCard({
      enterprise: enterprise.name,
      items,
      empty: items.length ? undefined : '贵企业档案中没有 90 天内到期的证书。',
      buttons: items.length ? [APPLY_CERTIFICATION] : [],
    })
    return { intent: 'cert_expiring', replies: [{ kind: 'card', card }] }
  },
}
