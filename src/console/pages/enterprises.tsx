// 企业: the 培育库 list (search, industry, town, pages) and one enterprise's profile with what the bot would tell
// it: the 增信 criteria it meets (evaluateLoanRules) and the awards and certifications it could still earn
// (findProgrammes), from the same rules the chat answers use.
import { Hono } from 'hono'
import type { AdminEnv } from '../../admin/env.ts'
import type { CoreDeps } from '../../deps.ts'
import { evaluateLoanRules } from '../../features/eligibility/evaluate.ts'
import { findProgrammes } from '../../features/eligibility/finder.ts'
import { bundledRules } from '../../features/eligibility/rules.bundle.ts'
import { formatDate } from '../../features/enterprises/dates.ts'
import { findEnterpriseById } from '../../features/enterprises/enterprise.repo.ts'
import { enterpriseDetail, listEnterprises } from '../../features/enterprises/enterprises.admin.ts'
import { honourLabel, INDUSTRIES } from '../../features/enterprises/honour-kinds.ts'
import { html, Page } from '../layout.tsx'
import { Pager, pageParams } from './pager.tsx'

export function enterprisePages(deps: CoreDeps) {
  const app = new Hono<AdminEnv>()

  app.get('/enterprises', async (c) => {
    const q = c.req.query()
    const filter = {
      q: q.q?.trim().slice(0, 50) || undefined,
      industry: q.industry || undefined,
      town: q.town || undefined,
    }
    const page = pageParams(q)
    const { items, total } = await listEnterprises(deps.db, filter, page.skipTake)
    return c.html(
      html(
        <Page nav={c.get('nav')} principal={c.get('principal')} title="企业" active="/admin/enterprises">
          <form method="get" action="/admin/enterprises" class="filters">
            <label>
              名称或信用代码
              <input name="q" value={filter.q ?? ''} />
            </label>
            <label>
              行业
              <select name="industry">
                <option value="">全部</option>
                {INDUSTRIES.map((i) => (
                  <option value={i} selected={filter.industry === i}>
                    {i}
                  </option>
                ))}
              </select>
            </label>
            <label>
              所属街道
              <input name="town" value={filter.town ?? ''} />
            </label>
            <button type="submit" class="primary">
              查询
            </button>
          </form>
          <table>
            <thead>
              <tr>
                <th>企业名称</th>
                <th>统一社会信用代码</th>
                <th>行业</th>
                <th>规模</th>
                <th>所属街道</th>
                <th>联系人</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr>
                  <td>
                    <a href={`/admin/enterprises/${e.id}`}>{e.name}</a>
                  </td>
                  <td>{e.creditCode}</td>
                  <td>{e.industry}</td>
                  <td>{e.size ?? '—'}</td>
                  <td>{e.town ?? '—'}</td>
                  <td>{e.contacts}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} total={total} query={q} path="/admin/enterprises" />
        </Page>,
      ),
    )
  })

  app.get('/enterprises/:id{[0-9]+}', async (c) => {
    const principal = c.get('principal')
    const id = Number(c.req.param('id'))
    const [detail, profile] = await Promise.all([enterpriseDetail(deps.db, id), findEnterpriseById(deps.db, id)])
    if (!detail || !profile)
      return c.html(html(<Page nav={c.get('nav')} principal={principal} title="未找到该企业" />), 404)
    const now = deps.clock.now()
    const rules = bundledRules()
    const loan = evaluateLoanRules(rules.loan, profile, now)
    const suggestions = findProgrammes(rules.programmes, profile, now)
    // 监督抽查 results from the spot-checks import (newest first).
    const spotChecks = await deps.db.spotCheckResult.findMany({
      where: { enterpriseId: id },
      orderBy: [{ checkedAt: 'desc' }, { id: 'desc' }],
      take: 50,
    })
    return c.html(
      html(
        <Page nav={c.get('nav')} principal={principal} title={detail.name} active="/admin/enterprises">
          <div class="grid">
            <div class="card">
              <h2>基本信息</h2>
              <dl>
                <dt>信用代码</dt>
                <dd>{detail.creditCode}</dd>
                <dt>行业</dt>
                <dd>{detail.industry}</dd>
                <dt>规模</dt>
                <dd>{detail.size ?? '—'}</dd>
                <dt>所属街道</dt>
                <dd>{detail.town ?? '—'}</dd>
                <dt>监管类别</dt>
                <dd>{detail.dutyClasses.join('、') || '—'}</dd>
                <dt>重点产品</dt>
                <dd>{detail.products.join('、') || '—'}</dd>
              </dl>
            </div>
            <div class="card">
              <h2>联系人</h2>
              {detail.contacts.length === 0 && <p class="muted">暂无已绑定的联系人。</p>}
              <ul>
                {detail.contacts.map((p) => (
                  <li>
                    {p.name ?? '（未留姓名）'} {p.dutyRole && <span class="badge info">{p.dutyRole}</span>}
                  </li>
                ))}
              </ul>
            </div>
          </div>
          <div class="card">
            <h2>荣誉与证书</h2>
            <ul>
              {detail.honours.map((h) => (
                <li>
                  {h.title}（{honourLabel(h.kind)}
                  {h.level ? ` · ${h.level}级` : ''}
                  {h.year ? ` · ${h.year}年` : ''}）
                </li>
              ))}
              {detail.certificates.map((cert) => (
                <li>
                  {cert.title}
                  {cert.number ? `（${cert.number}）` : ''}
                  {cert.expiresAt ? ` · 有效期至 ${formatDate(new Date(cert.expiresAt))}` : ''}
                </li>
              ))}
            </ul>
            {detail.honours.length + detail.certificates.length === 0 && <p class="muted">暂无记录。</p>}
          </div>
          {spotChecks.length > 0 && (
            <div class="card" data-testid="spot-checks">
              <h2>监督抽查结果</h2>
              <table>
                <tbody>
                  {spotChecks.map((r) => (
                    <tr>
                      <td>{formatDate(r.checkedAt)}</td>
                      <td>{r.product}</td>
                      <td>
                        <span class={`badge ${r.conclusion === '不合格' ? 'bad' : 'ok'}`}>{r.conclusion}</span>
                      </td>
                      <td>{r.failedItems}</td>
                      <td class="muted">{r.batch}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div class="card" data-testid="eligibility">
            <h2>{rules.loan.title}：增信条件</h2>
            <table>
              <tbody>
                {loan.criteria.map((r) => (
                  <tr>
                    <td>{r.met ? <span class="badge ok">已具备</span> : <span class="badge">暂未具备</span>}</td>
                    <td>{r.label}</td>
                    <td class="muted">{[...r.evidence, ...r.lapsed.map((l) => `已过期：${l}`)].join('；')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p class="muted">{rules.loan.disclaimer}</p>
          </div>
          <div class="card" data-testid="finder">
            <h2>还可争创的奖项和认证</h2>
            <ol>
              {suggestions.map((s) => (
                <li>
                  {s.title} <span class="muted">（{s.section}）</span>
                  {s.reasons.length > 0 && <div class="muted">{s.reasons.join('；')}</div>}
                </li>
              ))}
            </ol>
          </div>
        </Page>,
      ),
    )
  })
  return app
}
