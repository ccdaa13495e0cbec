// The digest's own buttons: 推送设置 opens the settings card; 暂停 / 恢复, a new time, quiet hours on or off, and
// 撤销上次更改 change the preference of the person who clicks (the verified operator, never anyone the button
// names), record the change, and show the settings as they are now. A digest still waiting to go follows at once
// (preferences.service.ts, shared with the console's 我的待办 page).
import { z } from 'zod'
import type { CardActionContext, CardActionHandler, HandlerResult } from '../../../bot/handler.ts'
import { resolveStaff } from '../../staff/staff.repo.ts'
import { type DigestSpec, digestSpec, TIME_CHOICES } from '../digest.specs.ts'
import { lastChange, preferenceOf } from '../preferences.repo.ts'
import { changeDigestPreference, DECIDE, type Decide, undoDigestPreference } from '../preferences.service.ts'
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

/** The clicker, resolved from the verified operator, and the digest the button names. */
type Clicker =
  | { refusal: HandlerResult }
  | { spec: DigestSpec; value: z.infer<typeof valueSchema>; who: { staffId: number; actor: string } }

async function clickerOf(ctx: CardActionContext): Promise<Clicker> {
  const value = valueSchema.safeParse(ctx.event.value)
  const spec = value.success ? digestSpec(value.data.d) : undefined
  if (!value.success || !spec) return { refusal: refused('该按钮已失效。') }
  const staff = await resolveStaff(ctx.deps.db, ctx.event.operator)
  if (!staff) return { refusal: refused('推送设置仅供本局工作人员使用。') }
  const who = { staffId: staff.id, actor: `${ctx.event.operator.platform}:${ctx.event.operator.userId}` }
  return { spec, value: value.data, who }
}

function preferenceAction(action: string, decide: Decide | null): CardActionHandler {
  return {
    action,
    async handle(ctx) {
      const clicked = await clickerOf(ctx)
      if ('refusal' in clicked) return clicked.refusal
      const { spec, value, who } = clicked
      if (!decide) return answer(ctx, spec, who.staffId)
      const toast = await changeDigestPreference(ctx.deps, spec, who, decide, value)
      return answer(ctx, spec, who.staffId, toast ?? '设置未变化。')
    },
  }
}

export const digestSettingsAction = preferenceAction('digest.settings', null)
export const digestMuteAction = preferenceAction('digest.mute', DECIDE.mute)
export const digestUnmuteAction = preferenceAction('digest.unmute', DECIDE.unmute)
export const digestTimeAction = preferenceAction('digest.time', DECIDE.time)
export const digestQuietAction = preferenceAction('digest.quiet', DECIDE.quiet)

/** 撤销上次更改: the last change not yet undone is reversed, and itself recorded (as `undo`). */
export const digestUndoAction: CardActionHandler = {
  action: 'digest.undo',
  async handle(ctx) {
    const clicked = await clickerOf(ctx)
    if ('refusal' in clicked) return clicked.refusal
    const undone = await undoDigestPreference(ctx.deps, clicked.spec, clicked.who)
    return answer(ctx, clicked.spec, clicked.who.staffId, undone ? '已撤销上次更改。' : '没有可以撤销的更改。')
  },
}
