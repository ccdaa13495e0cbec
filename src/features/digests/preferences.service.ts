// Changing a person's digest preference, the one way for the card's buttons (handlers/settings.actions.ts) and the
// console's 我的待办 page: decide the new preference from the current one, save it and record the change
// (preferences.repo.ts) and make a digest still waiting to go follow it, in one transaction; or undo the last
// change not yet undone, itself recorded. A caller may add its own record to the transaction (the audit log).
import type { DbOrTx } from '../../db/client.ts'
import type { CoreDeps } from '../../deps.ts'
import { periodKey } from '../../jobs/period.ts'
import { cancelWaitingDigests, rescheduleWaitingDigests, restoreCancelledDigest } from './digest.outbox.ts'
import type { DigestSpec, TIME_CHOICES } from './digest.specs.ts'
import {
  changePreference,
  lastChange,
  type Preference,
  type PreferenceChange,
  preferenceOf,
} from './preferences.repo.ts'
import { atLocalTime } from './quiet-hours.ts'

export interface ChangeRequest {
  at?: (typeof TIME_CHOICES)[number]
  on?: boolean
}

export type Decide = (
  current: Preference,
  request: ChangeRequest,
) => { change: PreferenceChange; next: Preference; toast: string } | null

/** What each change does to the current preference; null when nothing would change. */
export const DECIDE = {
  mute: (current) =>
    current.muted
      ? null
      : { change: 'mute', next: { ...current, muted: true }, toast: '已暂停该提醒，可在推送设置中恢复或撤销。' },
  unmute: (current) =>
    current.muted ? { change: 'unmute', next: { ...current, muted: false }, toast: '已恢复该提醒。' } : null,
  time: (current, request) =>
    request.at && request.at !== current.deliverAt
      ? { change: 'time', next: { ...current, deliverAt: request.at }, toast: `推送时间已改为 ${request.at}。` }
      : null,
  quiet: (current, request) =>
    request.on === undefined || request.on === current.quietHours
      ? null
      : {
          change: request.on ? 'quiet_on' : 'quiet_off',
          next: { ...current, quietHours: request.on },
          toast: request.on ? '已开启免打扰。' : '已关闭免打扰。',
        },
} satisfies Record<string, Decide>

/** Adds to the change's transaction, e.g. the audit log entry of a console change. */
export type AlongWith = (
  tx: DbOrTx,
  change: { change: PreferenceChange; before: Preference; after: Preference },
) => Promise<unknown>

export interface Who {
  staffId: number
  /** Recorded on the change: the verified actor (platform:userId, or console:staff:<id>). */
  actor: string
}

/** A digest still waiting to go follows the new preference. */
async function followPreference(tx: DbOrTx, spec: DigestSpec, staffId: number, next: Preference, now: Date) {
  if (next.muted) return cancelWaitingDigests(tx, spec.name, staffId)
  await restoreCancelledDigest(tx, spec.name, periodKey(spec.period, now), staffId)
  const at = atLocalTime(now, next.deliverAt ?? spec.time)
  return rescheduleWaitingDigests(tx, spec.name, staffId, at > now ? at : now)
}

/** Applies one change; returns the toast to show, or null when nothing changed. */
export async function changeDigestPreference(
  deps: CoreDeps,
  spec: DigestSpec,
  who: Who,
  decide: Decide,
  request: ChangeRequest,
  alongWith?: AlongWith,
): Promise<string | null> {
  const now = deps.clock.now()
  const current = await preferenceOf(deps.db, who.staffId, spec.name)
  const decided = decide(current, request)
  if (!decided) return null
  await deps.db.$transaction(async (tx) => {
    const before = await changePreference(tx, {
      staffId: who.staffId,
      digest: spec.name,
      change: decided.change,
      next: decided.next,
      actor: who.actor,
      at: now,
    })
    await followPreference(tx, spec, who.staffId, decided.next, now)
    await alongWith?.(tx, { change: decided.change, before, after: decided.next })
  })
  deps.outbox.kick()
  return decided.toast
}

/** 撤销上次更改: reverses the last change not yet undone (recorded as `undo`); false when there is none. */
export async function undoDigestPreference(
  deps: CoreDeps,
  spec: DigestSpec,
  who: Who,
  alongWith?: AlongWith,
): Promise<boolean> {
  const now = deps.clock.now()
  const last = await lastChange(deps.db, who.staffId, spec.name)
  if (!last) return false
  const previous = JSON.parse(last.before) as Preference
  await deps.db.$transaction(async (tx) => {
    const { count } = await tx.digestPreferenceChange.updateMany({
      where: { id: last.id, undoneAt: null },
      data: { undoneAt: now },
    })
    if (!count) return
    const before = await changePreference(tx, {
      staffId: who.staffId,
      digest: spec.name,
      change: 'undo',
      next: previous,
      actor: who.actor,
      at: now,
    })
    await followPreference(tx, spec, who.staffId, previous, now)
    await alongWith?.(tx, { change: 'undo', before, after: previous })
  })
  deps.outbox.kick()
  return true
}
