// Turning a message into an intent: the features' recognizers in the menu's order, the first answer wins. Also says
// which recognizer answered, so the core can tell a specific pattern (a command such as 帮助 or 我的工单) from the
// catch-all classifier's guess (src/bot/digression.ts).
import type { CoreDeps } from '../deps.ts'
import type { HandlerResult, MessageContext, RecognizedIntent } from './handler.ts'
import type { MessageEvent } from './types.ts'

export const FALLBACK: RecognizedIntent = { intent: 'out_of_scope', confidence: 0 }

export interface Recognition {
  intent: RecognizedIntent
  /** A feature's specific pattern answered (not a final recognizer such as the knowledge classifier). */
  specific: boolean
}

export async function recognizeMessage(deps: CoreDeps, event: MessageEvent): Promise<Recognition> {
  const text = event.text.trim()
  if (!text) return { intent: { intent: 'help', confidence: 1 }, specific: false }
  for (const recognizer of deps.handlers.recognizers) {
    const found = await recognizer.recognize(text, deps, event)
    if (found) return { intent: found, specific: !deps.handlers.classifiers.has(recognizer.name) }
  }
  return { intent: FALLBACK, specific: false }
}

export async function recognize(deps: CoreDeps, event: MessageEvent): Promise<RecognizedIntent> {
  return (await recognizeMessage(deps, event)).intent
}

/** Answers a recognized intent with its feature's handler (or the fallback's, for an intent nobody answers). */
export function answerIntent(ctx: MessageContext): Promise<HandlerResult> {
  const { handlers } = ctx.deps
  const handler = handlers.messages.get(ctx.intent.intent) ?? handlers.messages.get(FALLBACK.intent)
  if (!handler) throw new Error(`no handler for intent ${ctx.intent.intent} and no fallback`)
  return handler.handle(ctx)
}
