// 工单: the board (filters, SLA clocks, pages) and one ticket with its steps and the same decide / reassign actions
// as the cards, through the same path (actOnTicket → performTicketAction): a console click and a card click racing
// yield one decision, and the losing one is told what happened.
import { Hono } from 'hono'
import type { AdminEnv } from '../../admin/env.ts'
import type { CoreDeps } from '../../deps.ts'
import { formatTime } from '../../features/enterprises/dates.ts'
import { listActiveStaff } from '../../features/staff/staff.repo.ts'
import { CATEGORIES } from '../../features/tickets/categories.ts'
import { STATUS_LABELS, TICKET_STATUSES } from '../../features/tickets/state-machine.ts'
import {
  actOnTicket,
  listTickets,
  type TicketFilter,
  type TicketListItem,
  ticketDetail,
} from '../../features/tickets/ticket.admin-service.ts'
import { Csrf, html, Page } from '../layout.tsx'
import { slaClock } from '../sla-clock.ts'
import { Pager, pageParams } from './pager.tsx'

const RESULTS: Record<string, { text: string; tone: 'ok' | 'bad' }> = {
  approve: { text: '已同意，企业和质量管家会收到通知，群聊中的卡片已同步更新。', tone: 'ok' },
  reject: { text: '已驳回，企业和质量管家会收到通知，群聊中的卡片已同步更新。', tone: 'ok' },
  transfer: { text: '已转派。', tone: 'ok' },
  stale: { text: '工单已有新进展（可能已在群聊卡片上处理），以下为最新状态，请确认后再操作。', tone: 'bad' },
  conflict: { text: '该工单刚刚已由他人处理，以下为最新状态。', tone: 'bad' },
  not_allowed: { text: '您没有办理此操作的权限，操作未生效。', tone: 'bad' },
  wrong_state: { text: '该工单当前状态不能进行此操作。', tone: 'bad' },
  needs_approval: { text: '该事项需经科室审批后方可办结。', tone: 'bad' },
  no_transferee: { text: '暂无其他可转派的工作人员。', tone: 'bad' },
  no_identity: { text: '您的账号未关联任何平台身份，无法办理。', tone: 'bad' },
  not_found: { text: '未找到该工单。', tone: 'bad' },
}

const DEPARTMENTS = [...new Set(CATEGORIES.flatMap((c) => [c.department, c.approvalDepartment ?? c.department]))]

const Clock = ({ t, now }: { t: TicketListItem; now: Date }) => {
  const clock = slaClock(t, now)
  return <span class={`badge ${clock.tone}`}>{clock.text}</span>
}

function Filters({ f }: { f: TicketFilter }) {
  return (
    <form method="get" action="/admin/tickets" class="filters">
      <label>
        状态
        <select name="status">
          <option value="">全部</option>
          <option value="active" selected={f.status === 'active'}>
            未办结
          </option>
          {TICKET_STATUSES.map((s) => (
            <option value={s} selected={f.status === s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        事项类别
        <select name="category">
          <option value="">全部</option>
          {CATEGORIES.map((c) => (
            <option value={c.code} selected={f.category === c.code}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        科室
        <select name="department">
          <option value="">全部</option>
          {DEPARTMENTS.map((d) => (
            <option value={d} selected={f.department === d}>
              {d}
            </option>
          ))}
        </select>
      </label>
      <label>
        关键词
        <input name="q" value={f.q ?? ''} placeholder="工单号、企业或内容" />
      </label>
      <label style="flex-direction: row; align-items: center">
        <input type="checkbox" name="overdue" value="true" checked={f.overdue} /> 仅看超时
      </label>
      <button type="submit" class="primary">
        筛选
      </button>
    </form>
  )
}

export function ticketPages(deps: CoreDeps) {
  const app = new Hono<AdminEnv>()

  app.get('/tickets', async (c) => {
    const principal = c.get('principal')
    const q = c.req.query()
    const filter: TicketFilter = {
      status: q.status || undefined,
      category: q.category || undefined,
      department: q.department || undefined,
      overdue: q.overdue === 'true',
      q: q.q?.trim().slice(0, 50) || undefined,
    }
    const page = pageParams(q)
    const { items, total } = await listTickets(deps, principal, filter, page.skipTake)
    const now = deps.clock.now()
    return c.html(
      html(
        <Page nav={c.get('nav')} principal={principal} title="工单" active="/admin/tickets">
          <Filters f={filter} />
          <table data-testid="tickets">
            <thead>
              <tr>
                <th>工单号</th>
                <th>事项</th>
                <th>企业</th>
                <th>状态</th>
                <th>质量管家</th>
                <th>时限</th>
                <th>受理时间</th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => (
                <tr>
                  <td>
                    <a href={`/admin/tickets/${t.id}`}>{t.number}</a>
                  </td>
                  <td>
                    {t.categoryLabel}
                    <div class="muted">{t.description.slice(0, 40)}</div>
                  </td>
                  <td>{t.enterprise ?? '—'}</td>
                  <td>
                    <span class="badge">{t.statusLabel}</span>
                  </td>
                  <td>{t.assignee ?? '未分派'}</td>
                  <td>
                    <Clock t={t} now={now} />
                  </td>
                  <td>{formatTime(new Date(t.createdAt))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {items.length === 0 && <p class="muted">没有符合条件的工单。</p>}
          <Pager page={page} total={total} query={q} path="/admin/tickets" />
        </Page>,
      ),
    )
  })

  app.get('/tickets/:id{[0-9]+}', async (c) => {
    const principal = c.get('principal')
    const t = await ticketDetail(deps, principal, Number(c.req.param('id')))
    if (!t) return c.html(html(<Page nav={c.get('nav')} principal={principal} title="未找到该工单" />), 404)
    const now = deps.clock.now()
    const staff = await listActiveStaff(deps.db)
    const canTransfer = ['assigned', 'in_progress', 'reopened'].includes(t.status)
    return c.html(
      html(
        <Page
          nav={c.get('nav')}
          principal={principal}
          title={`工单 ${t.number}`}
          active="/admin/tickets"
          notice={RESULTS[c.req.query('r') ?? '']}
        >
          <div class="card">
            <dl>
              <dt>事项</dt>
              <dd>{t.categoryLabel}</dd>
              <dt>企业</dt>
              <dd>{t.enterprise ? <a href={`/admin/enterprises/${t.enterpriseId}`}>{t.enterprise}</a> : '—'}</dd>
              <dt>内容</dt>
              <dd>{t.description}</dd>
              <dt>状态</dt>
              <dd>
                <span class="badge" data-testid="status">
                  {t.statusLabel}
                </span>
              </dd>
              <dt>质量管家</dt>
              <dd>{t.assignee ? `${t.assignee}（${t.assigneeDepartment}）` : '未分派'}</dd>
              {t.needsApproval && (
                <>
                  <dt>审批科室</dt>
                  <dd>{t.approvalDepartment}</dd>
                </>
              )}
              <dt>时限</dt>
              <dd>
                <Clock t={t} now={now} />
              </dd>
              {t.satisfaction && (
                <>
                  <dt>企业评价</dt>
                  <dd>
                    {t.satisfaction.score} 分{t.satisfaction.comment ? `：${t.satisfaction.comment}` : ''}
                  </dd>
                </>
              )}
            </dl>
          </div>
          {t.status === 'pending_approval' && (
            <form method="post" action={`/admin/tickets/${t.id}/decision`} class="card">
              <h2>审批</h2>
              <Csrf principal={principal} />
              <input type="hidden" name="version" value={String(t.version)} />
              <label>
                审批意见（选填，将告知企业和质量管家）
                <textarea name="comment" maxlength={500} />
              </label>
              <p class="actions">
                <button type="submit" name="decision" value="approve" class="primary">
                  同意
                </button>
                <button type="submit" name="decision" value="reject" class="danger">
                  驳回
                </button>
              </p>
            </form>
          )}
          {canTransfer && (
            <form method="post" action={`/admin/tickets/${t.id}/reassign`} class="card actions">
              <Csrf principal={principal} />
              <input type="hidden" name="version" value={String(t.version)} />
              <label>
                转派给
                <select name="to">
                  <option value="">由系统按分工选派</option>
                  {staff
                    .filter((s) => s.id !== t.assigneeId)
                    .map((s) => (
                      <option value={String(s.id)}>{`${s.name}（${s.department}）`}</option>
                    ))}
                </select>
              </label>
              <button type="submit">转派</button>
            </form>
          )}
          <h2>办理记录</h2>
          <table>
            <thead>
              <tr>
                <th>时间</th>
                <th>步骤</th>
                <th>办理人</th>
                <th>说明</th>
              </tr>
            </thead>
            <tbody>
              {t.events.map((e) => (
                <tr>
                  <td>{formatTime(new Date(e.at))}</td>
                  <td>
                    {e.toStatus ? (STATUS_LABELS[e.toStatus as keyof typeof STATUS_LABELS] ?? e.action) : e.action}
                  </td>
                  <td>{e.actorName ?? '—'}</td>
                  <td>{e.comment ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Page>,
      ),
    )
  })

  const act = (kind: 'decision' | 'reassign') =>
    app.post(`/tickets/:id{[0-9]+}/${kind}`, async (c) => {
      const id = Number(c.req.param('id'))
      const body = await c.req.parseBody()
      const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '')
      const decision = text('decision')
      if (kind === 'decision' && decision !== 'approve' && decision !== 'reject') {
        return c.redirect(`/admin/tickets/${id}?r=wrong_state`, 303)
      }
      const outcome = await actOnTicket(deps, c.get('principal'), 'console', {
        ticketId: id,
        version: Number(text('version')) || 0,
        action: kind === 'decision' ? (decision as 'approve' | 'reject') : 'transfer',
        comment: text('comment').slice(0, 500) || null,
        transferTo: text('to') ? Number(text('to')) : undefined,
      })
      const r = outcome.ok ? (kind === 'decision' ? decision : 'transfer') : outcome.reason
      return c.redirect(`/admin/tickets/${id}?r=${r}`, 303)
    })
  act('decision')
  act('reassign')
  return app
}
