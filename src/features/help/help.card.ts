// The help card's data (what the bot offers, with an example of how to ask for each) and the welcome card.
import { z } from 'zod'
import helpTemplate from '../../../cards/help.json' with { type: 'json' }
import welcomeTemplate from '../../../cards/welcome.json' with { type: 'json' }
import type { ChatRef } from '../../bot/types.ts'
import { defineCard } from '../../cards/registry.ts'

export const helpCard = defineCard(
  'help',
  helpTemplate,
  z.object({
    greeting: z.string(),
    services: z.array(z.object({ name: z.string(), example: z.string() })),
    hint: z.string().optional(),
  }),
)

// The card sent when the bot joins a chat. It shows no data (its sample's chatName appears nowhere on it).
export const welcomeCard = defineCard('welcome', welcomeTemplate, z.object({ chatName: z.string().optional() }))

export const SERVICES = [
  { name: '政策问答', example: '品字标“浙江制造”认证有哪些扶持？' },
  { name: '质量贷/标准贷', example: '我们企业能办质量贷吗？' },
  { name: '可争取的奖项和认证', example: '我们还能争取哪些奖？' },
  { name: '标准查询', example: '鞋类有哪些浙江制造标准？' },
  { name: '一站式服务申请', example: '我要申请上门计量校准' },
  { name: '工单进度', example: '我的工单进度' },
  { name: '绑定企业', example: '绑定企业' },
]

export function renderHelp(chat: ChatRef) {
  return helpCard({
    greeting: '您好！我是瓯海区市场监督管理局“质量强企”服务助手。',
    services: SERVICES,
    hint:
      chat.chatType === 'group'
        ? '在群聊中请先 @我 再提问；发送“取消”可随时退出正在办理的事项。'
        : '发送“取消”可随时退出正在办理的事项。',
  })
}
