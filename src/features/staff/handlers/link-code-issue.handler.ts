// "生成绑定码 张工": a department lead or an admin gets a one-time code for a colleague to link their chat account.
// Answered only in a one-to-one chat, so the code is not shown to a group.
import { z } from 'zod'
import { type MessageHandler, text } from '../../../bot/handler.ts'
import { formatTime } from '../../enterprises/dates.ts'
import { issueLinkCode, LINK_CODE_TTL_MS } from '../link-code.service.ts'

const dataSchema = z.object({ name: z.string().min(1), department: z.string().min(1).optional() })

export const linkCodeIssueHandler: MessageHandler = {
  intent: 'staff.link_code.issue',
  async handle({ deps, event, intent }) {
    const reply = (value: string) => ({ intent: 'staff.link_code.issue', replies: [text(value)] })
    if (event.chat.chatType !== 'p2p') {
      return reply('为保护绑定码安全，请在与我的单聊中发送“生成绑定码 姓名”，绑定码只会在单聊中告知您。')
    }
    const target = dataSchema.safeParse(intent.data)
    if (!target.success) return reply('请按“生成绑定码 姓名”的格式发送，例如“生成绑定码 张工”。')
    const issued = await issueLinkCode(deps, event.sender, target.data)
    if (!issued.ok) {
      switch (issued.reason) {
        case 'not_allowed':
          return reply('仅科室负责人（为本科室人员）或系统管理员可以生成工作人员绑定码。如需帮助，请联系系统管理员。')
        case 'not_found':
          return reply(`未找到在职工作人员“${target.data.name}”，请核对姓名（须与工作人员名册一致）后重新发送。`)
        case 'ambiguous':
          return reply(
            `名为“${target.data.name}”的工作人员不止一位（${issued.departments.join('、')}），请注明科室后重新发送，例如“生成绑定码 ${target.data.name} ${issued.departments[0]}”。`,
          )
      }
    }
    const { name, department } = issued.staff
    const minutes = Math.round(LINK_CODE_TTL_MS / 60_000)
    return reply(
      `已为${department}的${name}生成工作人员绑定码：${issued.code}\n` +
        `有效期至 ${formatTime(issued.expiresAt)}（${minutes}分钟），仅可使用一次；重新生成后，旧绑定码随即失效。\n` +
        `请当面或电话告知本人，由其在飞书或钉钉中与我单聊发送“绑定工作人员 ${name} ${issued.code}”，即可完成账号绑定。请勿将绑定码转发到群聊。`,
    )
  },
}
