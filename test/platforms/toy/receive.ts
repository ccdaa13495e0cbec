// Toy platform, what a verified message becomes: a numbered reply (the core's mechanism, for a platform whose
// messages cannot call back) or an event stored and processed after the acknowledgement.
import type { BotCore } from '../../../src/bot/core.ts'
import type { CoreDeps } from '../../../src/deps.ts'
import { decodeToy } from './decode.ts'

export async function receiveToy(deps: CoreDeps, core: BotCore, body: unknown) {
  const decoded = decodeToy(body, deps.clock.now())
  if (decoded.kind !== 'event') return decoded
  const event = decoded.event
  if (deps.capabilities(event.platform).numberedReplies) {
    const pressed = await core.receiveNumberedReply(deps, event)
    if (pressed) return pressed
  }
  return core.acceptEvent(deps, event)
}
