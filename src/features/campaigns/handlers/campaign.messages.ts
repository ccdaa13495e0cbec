// 修改宣传稿 (staff, where the draft card has no form) and 登记企业群 / 取消登记企业群 (staff, in the group itself).
import { z } from 'zod'
import { type MessageHandler, text } from '../../../bot/handler.ts'
import { resolveStaff } from '../../staff/staff.repo.ts'
import { editCampaign } from '../campaign.service.ts'

const editSchema = z.object({ id: z.number().int().positive(), text: z.string() })

export const campaignEditHandler: MessageHandler = {
  intent: 'campaigns.edit',
  async handle({ deps, event, intent }) {
    const reply = (value: string) => ({ intent: 'campaigns.edit', replies: [text(value)] })
    const input = editSchema.safeParse(intent.data)
    if (!input.success) return reply('请按“修改宣传稿 编号 新的宣传稿全文”的格式发送，编号见宣传稿卡片。')
    const outcome = await editCampaign(deps, event.sender, input.data.id, input.data.text)
    if (!outcome.ok) return reply(outcome.message)
    return reply(`${outcome.message}修改后的宣传稿：\n${outcome.row.text}`)
  },
}

export const campaignGroupHandler: MessageHandler = {
  intent: 'campaigns.group',
  async handle({ deps, event, intent }) {
    const reply = (value: string) => ({ intent: 'campaigns.group', replies: [text(value)] })
    const staff = await resolveStaff(deps.db, event.sender)
    if (!staff) return reply('企业群由工作人员登记。如需帮助，请发送“帮助”。')
    if (event.chat.chatType !== 'group') return reply('请在需要接收活动日宣传的企业群中发送“登记企业群”。')
    const key = { platform_chatId: { platform: event.chat.platform, chatId: event.chat.chatId } }
    if (intent.data?.remove) {
      const { count } = await deps.db.broadcastGroup.updateMany({
        where: { ...key.platform_chatId },
        data: { active: false },
      })
      return reply(count ? '已取消登记，本群不再接收活动日宣传。' : '本群尚未登记为企业群。')
    }
    await deps.db.broadcastGroup.upsert({
      where: key,
      create: { ...key.platform_chatId, registeredBy: staff.id, createdAt: deps.clock.now() },
      update: { active: true, registeredBy: staff.id },
    })
    return reply('已登记本群为企业群，活动日宣传经领导审批后会发送到本群。')
  },
}
