// One message to a person with an open (or just lapsed) flow, as src/bot/digression.ts reads it: leave with a
// confirmation, go on where they were, answer the step, be asked again politely, or have the other thing handled
// while the flow waits — with a line saying how to go on. A flow that lapsed is never ended silently: the next
// message hears that it ended.
import type { CoreDeps } from '../deps.ts'
import { CONVERSATION_TTL_MS, type ConversationHandle, type FlowState } from './conversation.ts'
import { readAfterLapse, readInFlow } from './digression.ts'
import { type FlowHandler, type FlowStep, type HandlerResult, type RecognizedIntent, text } from './handler.ts'
import { answerIntent } from './recognize.ts'
import type { MessageEvent } from './types.ts'

const TTL_MINUTES = Math.round(CONVERSATION_TTL_MS / 60_000)

export const waitingText = (flow: FlowHandler) =>
  flow.waiting ?? `您的${flow.label}还在填写中，回复「继续」接着填写；回复「取消」可退出。`
export const cancelledText = (flow: FlowHandler) =>
  flow.cancelled ?? `好的，已为您取消${flow.label}，未作任何提交。如需帮助，请随时告诉我。`
export const expiredText = (flow: FlowHandler) =>
  flow.expired !== undefined
    ? flow.expired
    : `您之前未完成的${flow.label}因超过 ${TTL_MINUTES} 分钟未回复，已自动结束，未作任何提交。${flow.restart ? `如需办理，请重新发送“${flow.restart}”。` : ''}`

// A confirmation names its own way out (回复 2 取消).
const leaveHint = (step: FlowStep) => (step.input === 'confirm' ? '' : '（如需退出，请回复「取消」）')

const same = (a: FlowState, b: FlowState) =>
  a.flow === b.flow && a.step === b.step && JSON.stringify(a.data) === JSON.stringify(b.data)

interface Turn {
  deps: CoreDeps
  event: MessageEvent
  conversation: ConversationHandle
}

export async function continueFlow(turn: Turn, state: FlowState, flow: FlowHandler): Promise<HandlerResult> {
  const { deps, event, conversation } = turn
  const step = flow.step(state)
  const reading = await readInFlow(deps, event, flow, step)
  switch (reading.kind) {
    case 'cancel':
      await conversation.end()
      return { intent: 'cancel', replies: [text(cancelledText(flow))] }
    case 'answer':
      return flow.handle({ ...turn, intent: { intent: flow.flow, confidence: 1 } })
    case 'resume':
    case 'ask_again': {
      if (!step) return flow.handle({ ...turn, intent: { intent: flow.flow, confidence: 1 } })
      await conversation.update(state.step)
      const said =
        reading.kind === 'resume'
          ? `好的，我们接着办理${flow.label}。${step.prompt}`
          : (step.retry ?? `抱歉，没能从您的回复中识别出需要的信息。${step.prompt}`) + leaveHint(step)
      return { intent: `${flow.flow}_${reading.kind}`, replies: [text(said)] }
    }
    case 'digression':
      return digress(turn, state, flow, reading.intent, Boolean(step?.optional))
  }
}

/** The other thing is handled; the flow waits (refreshed) unless the handler started another one instead. */
async function digress(
  turn: Turn,
  state: FlowState,
  flow: FlowHandler,
  intent: RecognizedIntent,
  optional: boolean,
): Promise<HandlerResult> {
  const result = await answerIntent({ ...turn, intent })
  const after = await turn.conversation.current()
  let note: string | null = null
  if (after && same(after, state)) {
    if (optional) await turn.conversation.end()
    else {
      await turn.conversation.update(state.step)
      note = waitingText(flow)
    }
  } else if (after && !optional) {
    note = `（您之前未完成的${flow.label}已结束，未作任何提交。）`
  }
  return note ? { ...result, replies: [...(result.replies ?? []), text(note)] } : result
}

/** The person writes after their flow lapsed: they hear so, and what they wrote is answered if it stands alone. */
export async function afterLapse(turn: Turn, lapsed: FlowState, flow: FlowHandler): Promise<HandlerResult> {
  const step = flow.step(lapsed)
  const note = expiredText(flow)
  const intent = await readAfterLapse(turn.deps, turn.event, flow, step)
  if (!intent) {
    return { intent: 'flow_expired', replies: [text(note ?? '好的。如需帮助，请发送“帮助”查看可用服务。')] }
  }
  const result = await answerIntent({ ...turn, intent })
  // Nothing was lost with an optional step (a comment one may skip): no need to mention it then.
  return note && !step?.optional ? { ...result, replies: [text(note), ...(result.replies ?? [])] } : result
}
