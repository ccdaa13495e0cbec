// 预警: the alerts the signed-in person may see (listAlerts: an admin all, an official their department's, staff what
// they published and what reaches the enterprises they cover), with level, status, receipt counts and deadline.
import type { Context } from 'hono'
import type { AdminEnv } from '../../../admin/env.ts'
import { html, Page } from '../../../console/layout.tsx'
import { Pager, pageParams } from '../../../console/pages/pager.tsx'
import type { CoreDeps } from '../../../deps.ts'
import { formatTime } from '../../enterprises/dates.ts'
import { type AlertFilter, listAlerts, STATUS_LABELS } from '../alert.admin-service.ts'
import { ALERT_LEVELS, ALERT_SOURCES } from '../alert.schema.ts'
import { LevelBadge, Receipts, StatusBadge } from './alert-views.tsx'

const Select = (props: { name: string; label: string; value?: string; options: [string, string][] }) => (
  <label>
    {props.label}
    <select name={props.name}>
      <option value="">全部</option>
      {props.options.map(([value, text]) => (
        <option value={value} selected={props.value === value}>
          {text}
        </option>
      ))}
    </select>
  </label>
)

const pairs = (list: readonly string[]) => list.map((v) => [v, v] as [string, string])

export async function alertListPage(c: Context<AdminEnv>, deps: CoreDeps) {
  const q = c.req.query()
  const pick = (v: string | undefined, allowed: readonly string[]) => (v && allowed.includes(v) ? v : undefined)
  const filter: AlertFilter = {
    level: pick(q.level, ALERT_LEVELS),
    source: pick(q.source, ALERT_SOURCES),
    status: pick(q.status, Object.keys(STATUS_LABELS)),
  }
  const page = pageParams(q)
  const { items, total } = await listAlerts(deps, c.get('principal'), filter, page.skipTake)
  return c.html(
    html(
      <Page nav={c.get('nav')} principal={c.get('principal')} title="质量风险预警" active="/admin/alerts">
        <p class="actions">
          <a class="button primary" href="/admin/alerts/new">
            新建预警
          </a>
          <a class="button" href="/admin/alerts?status=draft">
            待确认的草稿
          </a>
        </p>
        <form method="get" action="/admin/alerts" class="filters">
          <Select name="level" label="等级" value={filter.level} options={pairs(ALERT_LEVELS)} />
          <Select name="source" label="来源" value={filter.source} options={pairs(ALERT_SOURCES)} />
          <Select name="status" label="状态" value={filter.status} options={Object.entries(STATUS_LABELS)} />
          <button type="submit" class="primary">
            筛选
          </button>
        </form>
        <table data-testid="alerts">
          <thead>
            <tr>
              <th>编号</th>
              <th>标题</th>
              <th>等级</th>
              <th>来源</th>
              <th>状态</th>
              <th>回执</th>
              <th>回执截止</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr>
                <td>
                  <a href={`/admin/alerts/${a.id}`}>{a.number}</a>
                </td>
                <td>
                  {a.title}
                  <div class="muted">{a.publisher ? `发布人：${a.publisher}` : ''}</div>
                </td>
                <td>
                  <LevelBadge level={a.level} />
                </td>
                <td>{a.source}</td>
                <td>
                  <StatusBadge a={a} />
                </td>
                <td>
                  <Receipts a={a} />
                </td>
                <td>{formatTime(new Date(a.receiptDue))}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {items.length === 0 && <p class="muted">没有符合条件的预警。</p>}
        <Pager page={page} total={total} query={q} path="/admin/alerts" />
      </Page>,
    ),
  )
}
