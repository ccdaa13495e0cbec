// "绑定工作人员 张工 123456": a staff member links the account they are writing from, with the code their lead
// issued. Afterwards tickets, approvals and reminders reach them here.
import { z } from 'zod'
import { type MessageHandler, text } from '../../../bot/handler.ts'
import { LINK_CODE_TTL_MS, redeemLinkCode } from '../link-code.service.ts'

const dataSchema = z.object({ name: z.string().min(1), code: z.string().regex(/^\d{6}$/) })

export const linkCodeRedeemHandler: MessageHandler = {
  intent: 'staff.link_code.redeem',
  async handle({ deps, event, intent }) {
    const reply = (value: string) => ({ intent: 'staff.link_code.redeem', replies: [text(value)] })
    const input = dataSchema.safeParse(intent.data)
    if (!input.success) {
      return reply(
        '请按“绑定工作人员 姓名 绑定码”的格式发送，例如“绑定工作人员 张工 123456”。绑定码由科室负责人或系统管理员生成。',
      )
    }
    const { name } = input.data
    const outcome = await redeemLinkCode(deps, event.sender, input.data)
    if (outcome.ok) {
      return reply(
        `绑定成功！您的账号已关联为${outcome.staff.department}的${outcome.staff.name}。今后派单、审批和提醒会发送到这里，您也可以发送“我的待办”查看待办工单。`,
      )
    }
    switch (outcome.reason) {
      case 'no_code':
        return reply(
          `未找到“${name}”的有效绑定码（绑定码${Math.round(LINK_CODE_TTL_MS / 60_000)}分钟内有效，且只能使用一次）。请核对姓名，或请科室负责人重新生成。`,
        )
      case 'already_linked':
        return reply(`您的账号已绑定为${name}，无需重复绑定。`)
      case 'account_taken':
        return reply('该账号已关联其他工作人员，无法重复绑定。如有疑问，请联系系统管理员。')
      case 'wrong':
        return reply(`绑定码不正确，请核对科室负责人告知您的6位数字后重新发送（还可以再试${outcome.remaining}次）。`)
      case 'locked':
        return reply('绑定码错误次数过多，为保护账号安全，该绑定码已失效。请联系科室负责人重新生成。')
    }
  },
}
