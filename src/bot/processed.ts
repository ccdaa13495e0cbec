// What both ways of handling an event share (pipeline.ts for stored events, card-action.ts for clicks answered at
// once): who a one-to-one chat's replies are shown to, and marking the event processed under its claim.
import type { CoreDeps } from '../deps.ts'
import type { InboundEvent } from './types.ts'
import { UnitAborted } from './unit-of-work.ts'

/** The person a one-to-one chat's replies are shown to (recorded on the cards sent there). */
export function viewerOf(event: InboundEvent): string | undefined {
  if (event.chat.chatType !== 'p2p') return undefined
  if (event.kind === 'message') return event.sender.userId
  return event.kind === 'card_action' ? event.operator.userId : undefined
}

/**
 * Marks a claimed event processed, only while the claim is still ours (fencing: an owner that lost its lease and
 * had its work taken over must not record it a second time): the unit is rolled back otherwise.
 */
export async function markProcessed(unit: CoreDeps, id: number) {
  const done = await unit.db.inboundEvent.updateMany({
    where: { id, status: 'processing', claimedBy: unit.incarnation.id },
    data: { status: 'processed', processedAt: unit.clock.now(), lastError: null, claimedBy: null },
  })
  if (done.count === 0) throw new UnitAborted('the claim on this event was taken over')
}
