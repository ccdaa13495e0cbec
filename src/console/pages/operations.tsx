// 任务与消息 (admins): the schedule with each job's latest runs and a "run now" button, the outbox by status with
// the messages that gave up (dead) and a "send again" button; and 操作日志, the audit log.
import { type Context, Hono } from 'hono'
import { listAudit, recordAudit } from '../../admin/audit.ts'
import type { AdminEnv } from '../../admin/env.ts'
import { isAdmin } from '../../admin/principal.ts'
import { jobsWithRuns, runJobNow } from '../../admin/resources/jobs.ts'
import { listOutbox, OUTBOX_STATUSES, outboxCounts, retryDead } from '../../admin/resources/outbox.ts'
import type { Feature } from '../../bot/feature.ts'
import type { CoreDeps } from '../../deps.ts'
import { formatTime } from '../../features/enterprises/dates.ts'
import { jobsOf } from '../../jobs/registry.ts'
import { Csrf, html, Page } from '../layout.tsx'
import { Pager, pageParams } from './pager.tsx'

const OUTCOMES: Record<string, { text: string; tone: 'ok' | 'bad' }> = {
  ran: { text: '任务已运行。', tone: 'ok' },
  skipped: { text: '该任务本分钟已运行过，请稍后再试。', tone: 'bad' },
  failed: { text: '任务运行失败，详情见下方记录和服务日志。', tone: 'bad' },
  retried: { text: '消息已重新排队发送。', tone: 'ok' },
  not_dead: { text: '只有发送失败（dead）的消息可以重新发送。', tone: 'bad' },
  not_found: { text: '未找到。', tone: 'bad' },
}
const STATUS_NAMES: Record<string, string> = { pending: '待发送', sending: '发送中', sent: '已发送', dead: '发送失败' }

export function operationPages(deps: CoreDeps, features: readonly Feature[]) {
  const app = new Hono<AdminEnv>()
  const jobs = jobsOf(features)
  const forbidden = (c: Context<AdminEnv>) =>
    c.html(
      html(
        <Page
          nav={c.get('nav')}
          principal={c.get('principal')}
          title="无权访问"
          notice={{ text: '仅管理员可以查看此页。', tone: 'bad' }}
        />,
      ),
      403,
    )

  app.get('/jobs', async (c) => {
    const principal = c.get('principal')
    if (!isAdmin(principal)) return forbidden(c)
    const [withRuns, counts, dead] = await Promise.all([
      jobsWithRuns(deps, jobs, 3),
      outboxCounts(deps),
      listOutbox(deps, 'dead', { skip: 0, take: 50 }),
    ])
    return c.html(
      html(
        <Page
          nav={c.get('nav')}
          principal={principal}
          title="任务与消息"
          active="/admin/jobs"
          notice={OUTCOMES[c.req.query('r') ?? '']}
        >
          <h2>定时任务</h2>
          <table>
            <thead>
              <tr>
                <th>任务</th>
                <th>计划（北京时间）</th>
                <th>最近运行</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {withRuns.map((j) => (
                <tr>
                  <td>
                    <code>{j.name}</code>
                    <div class="muted">{j.description}</div>
                  </td>
                  <td>
                    <code>{j.cron}</code>
                  </td>
                  <td>
                    {j.runs.map((r) => (
                      <div>
                        {formatTime(new Date(r.startedAt))}{' '}
                        <span class={`badge ${r.status === 'done' ? 'ok' : r.status === 'failed' ? 'bad' : ''}`}>
                          {r.status}
                        </span>
                        {r.error && <span class="muted"> {r.error}</span>}
                      </div>
                    ))}
                    {j.runs.length === 0 && <span class="muted">尚未运行</span>}
                  </td>
                  <td>
                    <form method="post" action={`/admin/jobs/${j.name}/run`} class="inline">
                      <Csrf principal={principal} />
                      <button type="submit">立即运行</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>消息发送队列</h2>
          <p>
            {OUTBOX_STATUSES.map((s) => (
              <span class={`badge ${s === 'dead' && counts[s] ? 'bad' : ''}`} style="margin-right: 8px">
                {STATUS_NAMES[s]} {counts[s]}
              </span>
            ))}
          </p>
          <table>
            <thead>
              <tr>
                <th>编号</th>
                <th>平台</th>
                <th>发往</th>
                <th>尝试次数</th>
                <th>最后错误</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {dead.items.map((m) => (
                <tr>
                  <td>{m.id}</td>
                  <td>{m.platform}</td>
                  <td>{m.targetKind}</td>
                  <td>{m.attempts}</td>
                  <td class="muted">{m.lastError ?? ''}</td>
                  <td>
                    <form method="post" action={`/admin/outbox/${m.id}/retry`} class="inline">
                      <Csrf principal={principal} />
                      <button type="submit">重新发送</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {dead.items.length === 0 && <p class="muted">没有发送失败的消息。</p>}
        </Page>,
      ),
    )
  })

  app.post('/jobs/:name/run', async (c) => {
    const principal = c.get('principal')
    if (!isAdmin(principal)) return forbidden(c)
    const job = jobs.find((j) => j.name === c.req.param('name'))
    if (!job) return c.redirect('/admin/jobs?r=not_found', 303)
    const outcome = await runJobNow(deps, job)
    await recordAudit(
      deps.db,
      principal,
      'console',
      { action: 'job.run', subject: `job:${job.name}`, after: { outcome } },
      deps.clock.now(),
    )
    return c.redirect(`/admin/jobs?r=${outcome}`, 303)
  })

  app.post('/outbox/:id{[0-9]+}/retry', async (c) => {
    const principal = c.get('principal')
    if (!isAdmin(principal)) return forbidden(c)
    const id = Number(c.req.param('id'))
    const outcome = await retryDead(deps, id)
    if (outcome === 'retried') {
      await recordAudit(
        deps.db,
        principal,
        'console',
        { action: 'outbox.retry', subject: `outbox:${id}`, before: { status: 'dead' }, after: { status: 'pending' } },
        deps.clock.now(),
      )
    }
    return c.redirect(`/admin/jobs?r=${outcome}`, 303)
  })

  app.get('/audit', async (c) => {
    const principal = c.get('principal')
    if (!isAdmin(principal)) return forbidden(c)
    const q = c.req.query()
    const page = pageParams(q)
    const filter = { subject: q.subject || undefined, action: q.action || undefined }
    const { rows, total } = await listAudit(deps.db, filter, page.skipTake)
    return c.html(
      html(
        <Page nav={c.get('nav')} principal={principal} title="操作日志" active="/admin/audit">
          <form method="get" action="/admin/audit" class="filters">
            <label>
              操作（开头）
              <input name="action" value={filter.action ?? ''} placeholder="如 ticket、import" />
            </label>
            <label>
              对象
              <input name="subject" value={filter.subject ?? ''} placeholder="如 ticket:5" />
            </label>
            <button type="submit" class="primary">
              查询
            </button>
          </form>
          <table>
            <thead>
              <tr>
                <th>时间</th>
                <th>操作人</th>
                <th>途径</th>
                <th>操作</th>
                <th>对象</th>
                <th>修改前 → 修改后</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>{formatTime(r.at)}</td>
                  <td>{r.actorName ?? r.actor}</td>
                  <td>{{ api: '接口', console: '工作台', cli: '命令行' }[r.via] ?? r.via}</td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>{r.subject ?? ''}</td>
                  <td class="muted">
                    <small>
                      {r.before ? JSON.stringify(r.before).slice(0, 200) : '—'} →{' '}
                      {r.after ? JSON.stringify(r.after).slice(0, 200) : '—'}
                    </small>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} total={total} query={q} path="/admin/audit" />
        </Page>,
      ),
    )
  })
  return app
}
