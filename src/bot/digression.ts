// While a flow waits for an answer, the one place that decides what a message is: leaving (取消, 算了 …), going on
// (继续), an answer to the pending step, or clearly something else — a question the bot can answer, another
// command, a request it does not serve — which is handled as such while the flow waits. Flows only declare what
// their pending step expects (FlowStep in handler.ts); none of them decides this for itself.
import type { CoreDeps } from '../deps.ts'
import type { FlowHandler, FlowStep, RecognizedIntent } from './handler.ts'
import { type Recognition, recognizeMessage } from './recognize.ts'
import type { MessageEvent } from './types.ts'

export type Reading =
  | { kind: 'cancel' }
  | { kind: 'resume' }
  | { kind: 'answer' }
  | { kind: 'ask_again' }
  | { kind: 'digression'; intent: RecognizedIntent }

const PAUSE = String.raw`(?:了|吧|啦|呀|哈|哦|[。.!！~～,，\s])*`
const THANKS = String.raw`(?:谢谢|谢谢你|谢谢您|多谢)?[。.!！~～\s]*$`
const END = PAUSE + THANKS
const LEAVE_WORDS =
  '取消|退出|算了|不办了|不用了|不要了|结束|放弃|不弄了|不填了|不申请了|不绑定?了|不想办了|先不办|暂时不办|不需要了|取消办理|取消申请|退出办理|不办'
const CANCEL = new RegExp(`^(?:那|那就|还是|我|我们|先)*(?:(?:${LEAVE_WORDS})${PAUSE})+${THANKS}`)
const CONTINUE = new RegExp(
  String.raw`^(?:好的?[,，\s]*)?(?:继续|接着填|继续填写?|继续办理?|接着办|接着来|回到申请|返回)${END}`,
)

/** Asks rather than tells: a question mark, a question particle at the end, or a question word. */
const QUESTION =
  /[？?]|(?:吗|么|嘛|呢)[。！!~～\s]*$|^(?:请问|问一下|问下|咨询一下|想问|想了解)|是什么|什么是|什么意思|哪些|哪几|哪个|哪家|怎么|如何|多少|为什么|为啥|是否|能否|是不是|有没有|能不能|可不可以|是真的/
/**
 * Requests no government service answers (a poem, a slogan, an article, a translation …): out of scope whatever flow
 * is open, and whenever they are asked.
 */
const OFF_TASK =
  /(?:写|作|编|创作|讲|唱|想|拟)(?:一|几|两|个|\d+)?(?:首|篇|段|则|个|条|份)?.{0,10}?(?:诗|诗歌|歌曲|作文|故事|笑话|小说|对联|段子|宣传稿|演讲稿|发言稿|文章|软文|标语|口号|文案|广告语)|^(?:翻译|讲个笑话|陪我聊)|帮我(?:们)?翻译|\btranslate\b|\bwrite (?:me )?(?:a|an|some) (?:poem|essay|story|slogan|article)/i
/** Digits and punctuation only: an attempt at a number or code, never a question. */
const BARE = /^[\d\s\p{P}\p{S}]+$/u

/** The classifier's answers count from this confidence on (the knowledge classifier answers only when sure). */
const CONFIDENT = 0.5

export const looksLikeQuestion = (text: string) => QUESTION.test(text.trim())
export const looksOffTask = (text: string) => OFF_TASK.test(text.trim())
export const isCancel = (text: string) => CANCEL.test(text.trim())
export const isContinue = (text: string) => CONTINUE.test(text.trim())

/** Whether what was recognized is clearly something other than an answer to the step. */
function somethingElse(found: Recognition, text: string, flow: FlowHandler, step: FlowStep | null): boolean {
  const { intent, specific } = found
  if (flow.intents?.includes(intent.intent)) return false
  if (looksOffTask(text)) return true
  if (specific) return true
  // The classifier's finding counts only for a message that asks: a statement matching some policy is no question.
  if (!looksLikeQuestion(text)) return false
  // A sentence where a sentence is expected is its answer unless it asks something the bot can answer; where a
  // number or a code is expected, any question is something else (answered, or politely declined).
  const answerable = intent.intent !== 'out_of_scope' && intent.confidence >= CONFIDENT
  return !step || step.input === 'text' ? answerable : !BARE.test(text)
}

/** What a message means to the flow waiting for it. */
export async function readInFlow(
  deps: CoreDeps,
  event: MessageEvent,
  flow: FlowHandler,
  step: FlowStep | null,
): Promise<Reading> {
  const text = event.text.trim()
  if (isCancel(text)) return { kind: 'cancel' }
  if (isContinue(text)) return { kind: 'resume' }
  if (!step) return { kind: 'answer' }
  const accepted = step.accepts ? step.accepts(text) : step.input === 'text'
  if (accepted && step.input !== 'text') return { kind: 'answer' }
  const found = await recognizeMessage(deps, event)
  if (somethingElse(found, text, flow, step)) return { kind: 'digression', intent: found.intent }
  if (accepted) return { kind: 'answer' }
  return { kind: 'ask_again' }
}

/**
 * What a message means after the flow it would have answered lapsed: something to answer on its own (a question,
 * a command, the flow's own start again), or null for what was meant as the lapsed flow's answer.
 */
export async function readAfterLapse(
  deps: CoreDeps,
  event: MessageEvent,
  flow: FlowHandler,
  step: FlowStep | null,
): Promise<RecognizedIntent | null> {
  const text = event.text.trim()
  if (isCancel(text) || isContinue(text) || step?.accepts?.(text)) return null
  const found = await recognizeMessage(deps, event)
  if (flow.intents?.includes(found.intent.intent)) return found.intent
  return somethingElse(found, text, flow, step) ? found.intent : null
}
