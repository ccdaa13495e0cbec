// "登记企业群 91330304…" in a group chat, by staff: alerts for that enterprise go to this group from then on
// (instead of to each of its contacts), as long as every enterprise registered in the group is in an alert's
// audience (audience.ts). Staff only, group chats only, a known enterprise only.
import type { MessageHandler } from '../../../bot/handler.ts'
import { text } from '../../../bot/handler.ts'
import { checkCreditCode, extractCreditCode } from '../../enterprises/credit-code.ts'
import { resolveStaff } from '../../staff/staff.repo.ts'

/** With something after it (a credit code): “登记企业群” alone registers a group for campaign broadcasts instead. */
export const REGISTER_GROUP = /^(登记|绑定|设为)(为)?企业群\s*[^\s，。]/

export const alertGroupHandler: MessageHandler = {
  intent: 'alert_group',
  async handle({ deps, event }) {
    const reply = (value: string) => ({ intent: 'alert_group', replies: [text(value)] })
    if (!(await resolveStaff(deps.db, event.sender))) return reply('登记企业群仅限市场监管局工作人员操作。')
    if (event.chat.chatType !== 'group') return reply('请在企业所在的群聊中发送“登记企业群 统一社会信用代码”。')
    const raw = extractCreditCode(event.text)
    const check = raw ? checkCreditCode(raw) : null
    if (!check?.ok) return reply('请在“登记企业群”后附上企业的统一社会信用代码（18 位）。')
    const enterprise = await deps.db.enterprise.findUnique({ where: { creditCode: check.code } })
    if (!enterprise) return reply('未找到该统一社会信用代码对应的企业，请先在企业档案中登记。')
    const key = { platform: event.chat.platform, chatId: event.chat.chatId, enterpriseId: enterprise.id }
    await deps.db.enterpriseGroup.upsert({
      where: { platform_chatId_enterpriseId: key },
      create: { ...key, createdAt: deps.clock.now() },
      update: {},
    })
    return reply(`已将本群登记为“${enterprise.name}”的企业群，今后与该企业相关的质量风险预警将发到本群。`)
  },
}
