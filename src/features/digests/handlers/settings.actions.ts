// The digest's own buttons: 推送设置 opens the settings card; 暂停 / 恢复, a new time, quiet hours on or off, and
// 撤销上次更改 change the preference of the person who clicks (the verified operator, never anyone the button
// names), record the change, and show the settings as they are now. A digest still waiting to go follows at once.
import { z } from 'zod'
import type { CardActionContext, CardActionHandler, HandlerResult } from '../../../bot/handler.ts'
import { periodKey } from '../../../jobs/period.ts'
import { resolveStaff } from '../../staff/staff.repo.ts'
import { cancelWaitingDigests, rescheduleWaitingDigests, restoreCancelledDigest } from '../digest.outbox.ts'
import { type DigestSpec, digestSpec, TIME_CHOICES } from '../digest.specs.ts'
import {
  changePreference,
  lastChange,
  type Preference,
  type PreferenceChange,
  preferenceOf,
} from '../preferences.repo.ts'
import { atLocalTime } from '../quiet-hours.ts'
import { renderSettingsCard } from '../settings.card.ts'

const refused = (text: string): HandlerResult => ({
  intent: 'digest_refused',
  cardResponse: { toast: { type: 'warning', text } },
})

const valueSchema = z.object({
  d: z.string(),
  at: z.enum(TIME_CHOICES).optional(),
  on: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional(),
})

type Change = (
  current: Preference,
  value: z.infer<typeof valueSchema>,
) => {
  change: PreferenceChange
  next: Preference
  toast: string
} | null

/** Answers on the settings card itself (updated in place), or, clicked on a digest, with a new settings card. */
async function answer(ctx: CardActionContext, spec: DigestSpec, staffId: number, toast?: string) {
  const preference = await preferenceOf(ctx.deps.db, staffId, spec.name)
  const last = await lastChange(ctx.deps.db, staffId, spec.name)
  const card = renderSettingsCard(spec, preference, last)
  const onSettings = ctx.card?.template === 'digest-settings'
  return {
    intent: 'digest_settings',
    cardResponse: {
      toast: toast ? { type: 'success' as const, text: toast } : undefined,
      card: onSettings ? card : undefined,
    },
    replies: onSettings ? [] : [{ kind: 'card' as const, card }],
  }
}

function preferenceAction(action: string, decide: Change | null): CardActionHandler {
  return {
    action,
    async handle(ctx) {
      const value = valueSchema.safeParse(ctx.event.value)
      const spec = value.success ? digestSpec(value.data.d) : undefined
      if (!value.success || !spec) return refused('该按钮已失效。')
      const staff = await resolveStaff(ctx.deps.db, ctx.event.operator)
      if (!staff) return refused('推送设置仅供本局工作人员使用。')
      if (!decide) return answer(ctx, spec, staff.id)
      const { db } = ctx.deps
      const now = ctx.deps.clock.now()
      const current = await preferenceOf(db, staff.id, spec.name)
      const decided = decide(current, value.data)
      if (!decided) return answer(ctx, spec, staff.id, '设置未变化。')
      const actor = `${ctx.event.operator.platform}:${ctx.event.operator.userId}`
      await db.$transaction(async (tx) => {
        await changePreference(tx, { staffId: staff.id, digest: spec.name, ...decided, actor, at: now })
        await followPreference(tx, spec, staff.id, decided.next, now)
      })
      ctx.deps.outbox.kick()
      return answer(ctx, spec, staff.id, decided.toast)
    },
  }
}

/** A digest still waiting to go follows the new preference. */
async function followPreference(
  tx: Parameters<typeof cancelWaitingDigests>[0],
  spec: DigestSpec,
  staffId: number,
  next: Preference,
  now: Date,
) {
  if (next.muted) return cancelWaitingDigests(tx, spec.name, staffId)
  await restoreCancelledDigest(tx, spec.name, periodKey(spec.period, now), staffId)
  const at = atLocalTime(now, next.deliverAt ?? spec.time)
  return rescheduleWaitingDigests(tx, spec.name, staffId, at > now ? at : now)
}

export const digestSettingsAction = preferenceAction('digest.settings', null)

export const digestMuteAction = preferenceAction('digest.mute', (current) =>
  current.muted
    ? null
    : { change: 'mute', next: { ...current, muted: true }, toast: '已暂停该提醒，可在推送设置中恢复或撤销。' },
)

export const digestUnmuteAction = preferenceAction('digest.unmute', (current) =>
  current.muted ? { change: 'unmute', next: { ...current, muted: false }, toast: '已恢复该提醒。' } : null,
)

export const digestTimeAction = preferenceAction('digest.time', (current, value) =>
  value.at && value.at !== current.deliverAt
    ? { change: 'time', next: { ...current, deliverAt: value.at }, toast: `推送时间已改为 ${value.at}。` }
    : null,
)

export const digestQuietAction = preferenceAction('digest.quiet', (current, value) =>
  value.on === undefined || value.on === current.quietHours
    ? null
    : {
        change: value.on ? 'quiet_on' : 'quiet_off',
        next: { ...current, quietHours: value.on },
        toast: value.on ? '已开启免打扰。' : '已关闭免打扰。',
      },
)

/** 撤销上次更改: the last change not yet undone is reversed, and itself recorded (as `undo`). */
export const digestUndoAction: CardActionHandler = {
  action: 'digest.undo',
  async handle(ctx) {
    const value = valueSchema.safeParse(ctx.event.value)
    const spec = value.success ? digestSpec(value.data.d) : undefined
    if (!spec) return refused('该按钮已失效。')
    const staff = await resolveStaff(ctx.deps.db, ctx.event.operator)
    if (!staff) return refused('推送设置仅供本局工作人员使用。')
    const { db } = ctx.deps
    const now = ctx.deps.clock.now()
    const last = await lastChange(db, staff.id, spec.name)
    if (!last) return answer(ctx, spec, staff.id, '没有可以撤销的更改。')
    const before = JSON.parse(last.before) as Preference
    const actor = `${ctx.event.operator.platform}:${ctx.event.operator.userId}`
    await db.$transaction(async (tx) => {
      const { count } = await tx.digestPreferenceChange.updateMany({
        where: { id: last.id, undoneAt: null },
        data: { undoneAt: now },
      })
      if (!count) return
      await changePreference(tx, { staffId: staff.id, digest: spec.name, change: 'undo', next: before, actor, at: now })
      await followPreference(tx, spec, staff.id, before, now)
    })
    ctx.deps.outbox.kick()
    return answer(ctx, spec, staff.id, '已撤销上次更改。')
  },
}
