// What the contact is told after typing a one-time code.
import type { CodeRedemption } from '../binding-code.service.ts'

export function codeRedemptionReply(outcome: CodeRedemption): string {
  if (outcome.ok) {
    return `验证成功！您已绑定“${outcome.enterprise}”。现在您可以问我“我们能办质量贷吗？”“我们还能争取哪些奖？”，我会结合贵企业的情况为您解答。`
  }
  switch (outcome.reason) {
    case 'wrong':
      return `验证码不正确，请核对工作人员告诉您的6位数字后重新输入（还可以再试${outcome.remaining}次）。`
    case 'locked':
      return '验证码错误次数过多，为保护企业信息，本次绑定申请已关闭。请发送“绑定企业”重新申请，并向工作人员索取新的验证码。'
    case 'no_code':
      return '您的绑定申请还在等待工作人员处理，暂未生成验证码。请耐心等待确认，或向负责的工作人员索取验证码。'
    case 'lost_race':
      return '您的绑定申请刚刚已有处理结果，请发送“我的企业”查看。'
    case 'no_pending':
      return '您当前没有待验证的绑定申请（可能已过期）。如需绑定企业，请发送“绑定企业”。'
  }
}
