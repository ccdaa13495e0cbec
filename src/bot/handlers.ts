// Builds the registry the dispatcher uses from the feature list (src/features/index.ts, the bot's menu). The core
// imports no feature: whoever builds the core passes the list in. Registering the same intent, flow or action twice
// is a mistake that would silently shadow a handler, so it fails at start-up instead.
import type { HandlerRegistry } from './dispatcher.ts'
import type { Feature } from './feature.ts'
import type { HandlerResult } from './handler.ts'

function byKey<T, K extends keyof T>(items: readonly T[], key: K, what: string): Map<string, T> {
  const map = new Map<string, T>()
  for (const item of items) {
    const name = item[key] as string
    if (map.has(name)) throw new Error(`two ${what}s named ${name}`)
    map.set(name, item)
  }
  return map
}

function atMostOne<T>(features: readonly Feature[], pick: (feature: Feature) => T | undefined, what: string) {
  const found = features.filter((feature) => pick(feature) !== undefined)
  if (found.length > 1) throw new Error(`more than one ${what}: ${found.map((f) => f.name).join(', ')}`)
  return found[0] && pick(found[0])
}

// Without a welcome (a bot made of features that have none) joining a chat is answered with silence.
const silentWelcome = async (): Promise<HandlerResult> => ({ intent: 'welcome' })

export function buildHandlerRegistry(features: readonly Feature[]): HandlerRegistry {
  const messages = byKey(
    features.flatMap((f) => f.messages ?? []),
    'intent',
    'message handler',
  )
  const fallback = atMostOne(features, (f) => f.fallback, 'fallback')
  // The fallback answers its intent only while no feature answers it (the knowledge feature's out_of_scope does).
  if (fallback && !messages.has(fallback.intent)) messages.set(fallback.intent, fallback)
  const welcome = atMostOne(features, (f) => f.welcome, 'welcome')
  return {
    // Specific patterns first, in list order; then the catch-all classifier and its guards.
    recognizers: [
      ...features.flatMap((f) => f.recognizers ?? []),
      ...features.flatMap((f) => f.finalRecognizers ?? []),
    ],
    classifiers: new Set(features.flatMap((f) => f.finalRecognizers ?? []).map((r) => r.name)),
    messages,
    flows: byKey(
      features.flatMap((f) => f.flows ?? []),
      'flow',
      'flow',
    ),
    actions: byKey(
      features.flatMap((f) => f.actions ?? []),
      'action',
      'card action',
    ),
    welcome: welcome ?? silentWelcome,
    digests: features.flatMap((f) => (f.digest ? [{ feature: f.name, contribution: f.digest }] : [])),
  }
}
