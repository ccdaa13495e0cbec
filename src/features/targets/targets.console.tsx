// 目标 (the console page of the plan's targets): where each target stands and its course over the months, the
// month's check-in completion, and recording a figure with the chat command's rules (record-audited.ts). Every
// signed-in person sees the page (the targets are the bureau's); recording follows the chat rule, any active staff
// member, so an admin-token session reads it only (a record is signed by a person).
import { type Context, Hono } from 'hono'
import type { AdminEnv } from '../../admin/env.ts'
import type { Principal } from '../../admin/principal.ts'
import { html, Page } from '../../console/layout.tsx'
import type { ConsolePages } from '../../console/slot.ts'
import type { CoreDeps } from '../../deps.ts'
import { shanghaiMonth } from '../tickets/time.ts'
import { monthlyData } from './monthly.service.ts'
import { recordProgressAs } from './record-audited.ts'
import { mayRecordProgress, refusalMessage } from './record-progress.ts'
import { findTarget } from './targets.config.ts'
import { targetsOverview } from './targets.overview.ts'
import { CheckinRates, ProgressCourse, type RecordForm, RecordProgressForm, TargetsTable } from './targets.page.tsx'

const PATH = '/admin/targets'
const mayRecord = (p: Principal) => p.kind === 'staff' && mayRecordProgress(p.staff)

function recordedNotice(code: string | undefined) {
  const target = code ? findTarget(code) : undefined
  return target ? { text: `已登记“${target.label}”的进展，并记入操作日志。`, tone: 'ok' as const } : null
}

async function targetsPage(c: Context<AdminEnv>, deps: CoreDeps, form?: RecordForm) {
  const principal = c.get('principal')
  const now = deps.clock.now()
  const month = shanghaiMonth(now)
  const targets = await targetsOverview(deps.db)
  // The monthly card's own figures for this month so far (nothing is kept: no snapshot).
  const data = await monthlyData(deps.db, now, month, { snapshot: false })
  const notice = form
    ? { text: '登记未成功，请按提示修改。', tone: 'bad' as const }
    : c.req.query('r') === 'recorded'
      ? recordedNotice(c.req.query('t'))
      : null
  return (
    <Page nav={c.get('nav')} principal={principal} title="方案主要目标" active={PATH} notice={notice}>
      <p class="muted">{`《质量强企千百行动方案》二、主要目标的进展，统计截至 ${data.asOf}。`}</p>
      <TargetsTable targets={targets} />
      <h2>目标完成进度的逐月走势</h2>
      <ProgressCourse data={data} />
      <h2>{`${Number(month.slice(5, 7))}月企业检查反馈率`}</h2>
      <CheckinRates rates={data.checkins} />
      <h2>登记目标进展</h2>
      {mayRecord(principal) ? (
        <RecordProgressForm principal={principal} targets={targets} form={form} />
      ) : (
        <p class="muted" data-testid="read-only">
          以管理令牌访问时只能查看：目标进展须由工作人员本人登录后登记（登记记录须署名）。
        </p>
      )}
    </Page>
  )
}

function targetsRoutes(deps: CoreDeps) {
  const app = new Hono<AdminEnv>()
  app.get('/targets', async (c) => c.html(html(await targetsPage(c, deps))))

  app.post('/targets/progress', async (c) => {
    const principal = c.get('principal')
    if (!mayRecord(principal)) {
      const refused = { text: '您没有登记目标进展的权限，操作未生效。', tone: 'bad' as const }
      return c.html(html(<Page nav={c.get('nav')} principal={principal} title="无权操作" notice={refused} />), 403)
    }
    const body = await c.req.parseBody()
    const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '')
    const values = { target: field('target'), value: field('value'), note: field('note') }
    const outcome = await recordProgressAs(deps, principal, 'console', values)
    if (outcome.ok) return c.redirect(`${PATH}?r=recorded&t=${outcome.target.code}`, 303)
    // A session records as its own person: the only refusals left are the target's and the figure's.
    const errors = outcome.field === 'staffId' ? {} : { [outcome.field]: refusalMessage(outcome) }
    return c.html(html(await targetsPage(c, deps, { values, errors })), 422)
  })
  return app
}

export const targetsConsole: ConsolePages = {
  nav: [{ path: PATH, label: '目标' }],
  build: targetsRoutes,
}
