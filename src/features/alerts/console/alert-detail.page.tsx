// One alert: what it says, the audience resolved now (drafts and alerts awaiting approval) with 确认发布 / 取消 for
// its publisher, 同意发布 / 驳回 for an official of the publisher's department, and each enterprise's receipt.
import type { Context } from 'hono'
import type { AdminEnv } from '../../../admin/env.ts'
import type { Principal } from '../../../admin/principal.ts'
import { Csrf, html, Page } from '../../../console/layout.tsx'
import type { CoreDeps } from '../../../deps.ts'
import { formatTime } from '../../enterprises/dates.ts'
import { type AlertDetail, alertDetail } from '../alert.admin-service.ts'
import { findAlert } from '../alert.repo.ts'
import { mayDecide, mayPublish } from '../publish.ts'
import { LevelBadge, Receipts, StatusBadge } from './alert-views.tsx'

/** What the last action did, by the alert's status after it or the refusal. */
export const RESULTS: Record<string, { text: string; tone: 'ok' | 'bad' }> = {
  drafted: { text: '草稿已保存，尚未发出。请核对下方的覆盖范围后确认发布。', tone: 'ok' },
  sent: { text: '预警已发出，企业会通过企业群或私信收到预警卡片。', tone: 'ok' },
  pending_approval: { text: '严重预警已提交科室负责人审批，审批同意后发出。', tone: 'ok' },
  cancelled: { text: '已取消，预警未发出。', tone: 'ok' },
  rejected: { text: '已驳回，预警不会发出。', tone: 'ok' },
  forbidden: { text: '您没有进行此操作的权限，操作未生效。', tone: 'bad' },
  conflict: { text: '该预警已有新进展（可能已在群聊卡片上处理），以下为最新状态。', tone: 'bad' },
  no_identity: { text: '您的账号未关联任何平台身份，无法操作。', tone: 'bad' },
  not_found: { text: '未找到该预警。', tone: 'bad' },
}

function Preview({ a }: { a: AlertDetail }) {
  const p = a.preview
  if (!p) return null
  return (
    <div class="card" data-testid="preview">
      <h2>覆盖范围（按当前企业档案解析）</h2>
      <p>{`企业 ${p.enterprises} 家 · 企业联系人 ${p.contacts} 人 · 企业群 ${p.groups} 个 · 质量管家 ${p.staff} 人 · 相关科室负责人 ${p.leads} 人`}</p>
      {p.unreachable > 0 && <p class="muted">{`其中 ${p.unreachable} 家企业暂无可送达的联系人或企业群。`}</p>}
      {p.unknownCodes.length > 0 && <p class="muted">{`以下信用代码未找到企业：${p.unknownCodes.join('、')}`}</p>}
    </div>
  )
}

function Actions({
  a,
  principal,
  may,
}: {
  a: AlertDetail
  principal: Principal
  may: { publish: boolean; decide: boolean }
}) {
  if (a.status === 'draft' && may.publish) {
    return (
      <form method="post" action={`/admin/alerts/${a.id}/confirm`} class="card actions">
        <Csrf principal={principal} />
        <input type="hidden" name="version" value={String(a.version)} />
        {a.level === '严重' && <p class="muted">严重预警确认后需经科室负责人审批，审批同意后发出。</p>}
        <button type="submit" name="decision" value="confirm" class="primary">
          确认发布
        </button>
        <button type="submit" name="decision" value="cancel">
          取消
        </button>
      </form>
    )
  }
  if (a.status === 'pending_approval' && may.decide) {
    return (
      <form method="post" action={`/admin/alerts/${a.id}/decision`} class="card actions">
        <Csrf principal={principal} />
        <input type="hidden" name="version" value={String(a.version)} />
        <button type="submit" name="decision" value="approve" class="primary">
          同意发布
        </button>
        <button type="submit" name="decision" value="reject" class="danger">
          驳回
        </button>
      </form>
    )
  }
  return null
}

export async function alertDetailPage(c: Context<AdminEnv>, deps: CoreDeps) {
  const principal = c.get('principal')
  const a = await alertDetail(deps, principal, Number(c.req.param('id')))
  if (!a) return c.html(html(<Page nav={c.get('nav')} principal={principal} title="未找到该预警" />), 404)
  const alert = (await findAlert(deps.db, a.id))!
  const staff = principal.kind === 'staff' ? principal.staff : null
  const may = { publish: mayPublish(staff, alert), decide: mayDecide(staff, alert) }
  return c.html(
    html(
      <Page
        nav={c.get('nav')}
        principal={principal}
        title={`预警 ${a.number}`}
        active="/admin/alerts"
        notice={RESULTS[c.req.query('r') ?? '']}
      >
        <div class="card">
          <dl>
            <dt>标题</dt>
            <dd>{a.title}</dd>
            <dt>等级</dt>
            <dd>
              <LevelBadge level={a.level} />
            </dd>
            <dt>来源</dt>
            <dd>{a.source}</dd>
            <dt>状态</dt>
            <dd>
              <StatusBadge a={a} />
              {a.decidedBy ? ` · ${a.decidedBy}` : ''}
            </dd>
            <dt>范围</dt>
            <dd>{a.audienceText}</dd>
            <dt>请采取的措施</dt>
            <dd>{a.action}</dd>
            <dt>回执截止</dt>
            <dd>{formatTime(new Date(a.receiptDue))}</dd>
            <dt>发布人</dt>
            <dd>{a.publisher ?? '—'}</dd>
            <dt>回执</dt>
            <dd>
              <Receipts a={a} />
            </dd>
          </dl>
        </div>
        <Preview a={a} />
        <Actions a={a} principal={principal} may={may} />
        {a.receipts.length > 0 && (
          <>
            <h2>各企业回执</h2>
            <table data-testid="receipts-table">
              <thead>
                <tr>
                  <th>企业</th>
                  <th>统一社会信用代码</th>
                  <th>回执</th>
                  <th>回执人</th>
                  <th>时间</th>
                  <th>求助工单</th>
                </tr>
              </thead>
              <tbody>
                {a.receipts.map((r) => (
                  <tr>
                    <td>{r.enterprise ? <a href={`/admin/enterprises/${r.enterpriseId}`}>{r.enterprise}</a> : '—'}</td>
                    <td>{r.creditCode ?? ''}</td>
                    <td>
                      <span class={`badge ${r.receipt === 'needs_help' ? 'bad' : r.receipt ? 'ok' : ''}`}>
                        {r.receiptLabel}
                      </span>
                    </td>
                    <td>{r.by ?? ''}</td>
                    <td>{r.at ? formatTime(new Date(r.at)) : ''}</td>
                    <td>{r.ticket ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Page>,
    ),
  )
}
