// 我的待办 (the console page of a signed-in staff member's digests): today's daily card as the job would build it
// now (digest.today.ts), with the tickets linked to the board, and each digest's preferences, changed exactly as
// the card's buttons change them (preferences.service.ts: recorded, undoable, a waiting digest follows) and also
// written to the audit log. The page is per person: an admin-token session is told so and changes nothing.
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { recordAudit } from '../../admin/audit.ts'
import type { AdminEnv } from '../../admin/env.ts'
import { html, Page } from '../../console/layout.tsx'
import type { ConsolePages } from '../../console/slot.ts'
import type { CoreDeps } from '../../deps.ts'
import { WORK_CALENDAR } from '../tickets/sla.ts'
import { DIGESTS, type DigestSpec, digestSpec, STAFF_DIGEST, TIME_CHOICES } from './digest.specs.ts'
import { digestCardNow } from './digest.today.ts'
import { DigestCardView, SettingsForm } from './digests.page.tsx'
import { lastChange, preferenceOf } from './preferences.repo.ts'
import { type AlongWith, changeDigestPreference, DECIDE, undoDigestPreference } from './preferences.service.ts'
import { isLocalWorkingDay } from './quiet-hours.ts'
import { renderSettingsCard } from './settings.card.ts'

const PATH = '/admin/my-digest'

const NOTICES: Record<string, string> = {
  mute: '已暂停该提醒，可随时恢复或撤销。',
  unmute: '已恢复该提醒。',
  time: '推送时间已修改。',
  quiet_on: '已开启免打扰。',
  quiet_off: '已关闭免打扰。',
  undo: '已撤销上次更改。',
  unchanged: '设置未变化。',
  nothing: '没有可以撤销的更改。',
}

const changeSchema = z.object({
  digest: z.string().refine((d) => digestSpec(d) !== undefined),
  change: z.enum(['mute', 'unmute', 'time', 'quiet_on', 'quiet_off', 'undo']),
  // Empty: the digest's own time, not one of the choices, was left selected (nothing to change).
  at: z.preprocess((v) => (v === '' ? undefined : v), z.enum(TIME_CHOICES).optional()),
})

async function settingsOf(deps: CoreDeps, spec: DigestSpec, staffId: number) {
  const preference = await preferenceOf(deps.db, staffId, spec.name)
  const last = await lastChange(deps.db, staffId, spec.name)
  const card = renderSettingsCard(spec, preference, last)
  const fields = card.blocks.flatMap((b) => (b.type === 'fields' ? b.fields : []))
  const lastNote = card.blocks.flatMap((b) => (b.type === 'note' ? [b.text] : []))[0]
  return { spec, preference, fields, lastNote, canUndo: Boolean(last) }
}

async function myDigestPage(c: Context<AdminEnv>, deps: CoreDeps) {
  const principal = c.get('principal')
  const page = { nav: c.get('nav'), principal, title: '我的待办', active: PATH }
  if (principal.kind !== 'staff')
    return (
      <Page {...page}>
        <p class="notice" data-testid="per-person">
          “我的待办”按人显示：请工作人员本人登录工作台后查看自己的每日待办和推送设置。管理令牌没有对应的工作人员，此页不显示任何人的待办。
        </p>
      </Page>
    )
  const me = principal.staff
  const r = c.req.query('r') ?? ''
  const notice = NOTICES[r] ? { text: NOTICES[r], tone: 'ok' as const } : null
  const card = await digestCardNow(deps, STAFF_DIGEST, me.id)
  const settings = []
  for (const spec of DIGESTS.filter((d) => d.for(me))) settings.push(await settingsOf(deps, spec, me.id))
  const daily = settings.find((s) => s.spec === STAFF_DIGEST)
  const now = deps.clock.now()
  return (
    <Page {...page} notice={notice}>
      <p class="muted">以下为您今天的“{STAFF_DIGEST.label}”卡片按当前情况显示的内容（与群聊中收到的卡片相同）。</p>
      {!isLocalWorkingDay(now, WORK_CALENDAR) && <p class="muted">今天不是工作日，不推送每日待办。</p>}
      {daily?.preference.muted && (
        <p class="notice bad" data-testid="muted">
          您已暂停每日待办提醒，在恢复之前不会收到推送。
        </p>
      )}
      {card ? (
        <DigestCardView card={card} />
      ) : (
        <p class="card" data-testid="digest-empty">
          目前没有需要您处理的事项，今天不会收到每日待办卡片。
        </p>
      )}
      <h2>推送设置</h2>
      {settings.map((s) => (
        <SettingsForm principal={principal} {...s} />
      ))}
    </Page>
  )
}

function digestRoutes(deps: CoreDeps) {
  const app = new Hono<AdminEnv>()
  app.get('/my-digest', async (c) => c.html(html(await myDigestPage(c, deps))))

  app.post('/my-digest/preferences', async (c) => {
    const principal = c.get('principal')
    const input = changeSchema.safeParse(await c.req.parseBody())
    const spec = input.success ? digestSpec(input.data.digest) : undefined
    if (principal.kind !== 'staff' || !input.success || !spec?.for(principal.staff)) {
      const text =
        principal.kind !== 'staff' ? '推送设置按人保存，请工作人员本人登录后修改。' : '该设置项无效，请刷新页面后重试。'
      const notice = { text, tone: 'bad' as const }
      const status = principal.kind !== 'staff' ? 403 : 422
      return c.html(html(<Page nav={c.get('nav')} principal={principal} title="推送设置" notice={notice} />), status)
    }
    const me = principal.staff
    const who = { staffId: me.id, actor: `console:staff:${me.id}` }
    const audit: AlongWith = (tx, change) =>
      recordAudit(
        tx,
        principal,
        'console',
        {
          action: `digest.${change.change}`,
          subject: `digest:${spec.name}:staff:${me.id}`,
          before: change.before,
          after: change.after,
        },
        deps.clock.now(),
      )
    const { change, at } = input.data
    let result: string
    if (change === 'undo') result = (await undoDigestPreference(deps, spec, who, audit)) ? 'undo' : 'nothing'
    else {
      const decide = change === 'quiet_on' || change === 'quiet_off' ? DECIDE.quiet : DECIDE[change]
      const toast = await changeDigestPreference(deps, spec, who, decide, { at, on: change === 'quiet_on' }, audit)
      result = toast ? change : 'unchanged'
    }
    return c.redirect(`${PATH}?r=${result}`, 303)
  })
  return app
}

export const digestsConsole: ConsolePages = {
  nav: [{ path: PATH, label: '我的待办' }],
  build: digestRoutes,
}
