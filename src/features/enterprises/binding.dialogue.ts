// The contact's side of binding, shared by the `bind` message handler, the `bind` flow and the 绑定企业 button:
// ask for the credit code, check it (a few tries), find the enterprise, open the request.
import type { ConversationHandle } from '../../bot/conversation.ts'
import { type HandlerResult, text } from '../../bot/handler.ts'
import type { Actor, OutgoingBody } from '../../bot/types.ts'
import type { CoreDeps } from '../../deps.ts'
import { bindingStatusCard } from './binding.cards.ts'
import { findPendingBinding } from './binding.repo.ts'
import { requestBinding } from './binding.service.ts'
import { findContact } from './contact.repo.ts'
import { type CreditCodeProblem, checkCreditCode, extractCreditCode } from './credit-code.ts'
import { findEnterpriseByCreditCode, findEnterpriseById } from './enterprise.repo.ts'

export const BIND_FLOW = 'bind'
export const MAX_CREDIT_CODE_TRIES = 3
export const CREDIT_CODE_PROMPT = '请回复贵企业的18位统一社会信用代码（营业执照上可以找到）。'

const PROBLEMS: Record<CreditCodeProblem, (code: string) => string> = {
  empty: () => '请回复贵企业的18位统一社会信用代码。',
  length: (code) => `统一社会信用代码应为18位，您输入的是${code.length}位，请核对营业执照后重新输入。`,
  charset: () => '统一社会信用代码只包含数字和大写英文字母，且不会出现 I、O、Z、S、V，请核对后重新输入。',
  format: () => '统一社会信用代码的第3至8位应为数字（登记机关行政区划码），请核对后重新输入。',
  checksum: () => '这个代码的最后一位校验码对不上，可能有字符输错了，请对照营业执照再核对一下。',
}

const result = (intent: string, ...replies: OutgoingBody[]): HandlerResult => ({ intent, replies })

/** Starts (or, when a code came with the message, completes) the dialogue. */
export async function startBindDialogue(
  deps: CoreDeps,
  actor: Actor,
  conversation: ConversationHandle,
  creditCode?: string,
): Promise<HandlerResult> {
  const contact = await findContact(deps.db, actor.platform, actor.userId)
  const bound = contact?.enterpriseId ? await findEnterpriseById(deps.db, contact.enterpriseId) : null
  if (bound) {
    return result('bind', text(`您已绑定“${bound.name}”。如需更换绑定的企业，请先发送“解除绑定”，再重新绑定。`))
  }
  if (creditCode) return submitCreditCode(deps, actor, conversation, creditCode, 0)
  await conversation.start(BIND_FLOW, 'credit_code', { tries: 0 })
  const pending = contact ? await findPendingBinding(deps.db, contact.id, deps.clock.now()) : null
  const note = pending
    ? '\n（您之前提交的绑定申请仍在等待确认；如工作人员已告诉您验证码，直接回复6位验证码即可。）'
    : ''
  return result('bind', text(`好的，我来帮您绑定企业。${CREDIT_CODE_PROMPT}发送“取消”可随时退出。${note}`))
}

/** One answer to "请回复统一社会信用代码": checks it, then looks the enterprise up and opens the request. */
export async function submitCreditCode(
  deps: CoreDeps,
  actor: Actor,
  conversation: ConversationHandle,
  input: string,
  triesSoFar: number,
): Promise<HandlerResult> {
  const check = checkCreditCode(extractCreditCode(input) ?? input)
  if (!check.ok) {
    const tries = triesSoFar + 1
    if (tries >= MAX_CREDIT_CODE_TRIES) {
      await conversation.end()
      return result(
        'bind',
        text(
          `抱歉，统一社会信用代码连续${tries}次未通过校验，已为您退出绑定。您可以核对营业执照后发送“绑定企业”重新开始，或发送“我要申请服务”由工作人员协助您。`,
        ),
      )
    }
    await conversation.start(BIND_FLOW, 'credit_code', { tries })
    const left = MAX_CREDIT_CODE_TRIES - tries
    return result('bind', text(`${PROBLEMS[check.problem](check.code)}（还可以再试${left}次，发送“取消”可退出）`))
  }
  await conversation.end()
  const enterprise = await findEnterpriseByCreditCode(deps.db, check.code)
  if (!enterprise) {
    deps.log.info('binding: enterprise not found', { creditCode: check.code })
    const card = bindingStatusCard({
      title: '暂未找到该企业',
      tone: 'orange',
      text: '抱歉，我们的企业库中暂时没有这个统一社会信用代码对应的企业，可能是贵企业的档案尚未录入。',
      note: '您可以申请服务，由工作人员与您联系、核实后为贵企业建档；也可以核对代码后重新绑定。',
      showBind: true,
      showTicket: true,
    })
    return result('bind', { kind: 'card', card })
  }
  const { notified } = await requestBinding(deps, actor, enterprise)
  const who = notified
    ? '我们已通知负责贵企业的工作人员核实，确认后会第一时间通知您。'
    : '目前暂时没有可以处理确认的工作人员在线，您的申请已保存，工作人员上线后会处理；也可以申请服务由工作人员与您联系。'
  const card = bindingStatusCard({
    title: '绑定申请已提交',
    tone: 'blue',
    text: `已找到企业“${enterprise.name}”。为保护企业信息，绑定前需要工作人员核实您的身份：${who}`,
    note: '如果工作人员已通过电话或当面告诉您6位验证码，直接回复验证码即可完成绑定。',
    showTicket: notified === 0,
  })
  return result('bind', { kind: 'card', card })
}
