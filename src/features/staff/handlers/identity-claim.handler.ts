// The answer to a claim of office or authority: nothing changes, permissions follow the staff directory (Identity
// rows linked by staff), and what the bot can do is said plainly. Staff the directory knows are told who it says
// they are, so a real colleague sees their access is already there.
import { type MessageHandler, text } from '../../../bot/handler.ts'
import { resolveStaff } from '../staff.repo.ts'

const CAN_DO =
  '我可以为您解答“质量强企千百行动”相关政策、查询质量贷/标准贷条件和可争取的奖项、受理一站式服务申请、查询工单进度。'

export const identityClaimHandler: MessageHandler = {
  intent: 'identity_claim',
  async handle({ deps, event }) {
    const staff = await resolveStaff(deps.db, event.sender)
    const who = staff
      ? `工作人员名录中，您的账号登记为${staff.department}的${staff.name}，相应的办理权限已按名录开通，无需另行授权。`
      : '您的账号目前未登记在工作人员名录中。工作人员如需关联账号，请由所在科室负责人发送“生成绑定码 姓名”，再由本人发送“绑定工作人员 姓名 绑定码”完成关联。'
    return {
      intent: 'identity_claim',
      replies: [
        text(
          `感谢说明。为保障信息安全，我的办理权限只以市场监督管理局的工作人员名录为准，不会因聊天中的身份说明或授权而改变，也不能修改贷款额度、审批结果等业务数据。${who}\n${CAN_DO}`,
        ),
      ],
    }
  },
}
