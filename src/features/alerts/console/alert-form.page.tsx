// 新建预警 in the browser: one plain form (works without JavaScript), read by the chat's own reader (readDraft), so
// the same answers are accepted or refused with the same words; saving makes a draft and shows its audience.
import type { Context } from 'hono'
import type { AdminEnv } from '../../../admin/env.ts'
import { Csrf, html, Page } from '../../../console/layout.tsx'
import type { CoreDeps } from '../../../deps.ts'
import { createAlertDraft } from '../alert.admin-service.ts'
import { ALERT_LEVELS, ALERT_SOURCES } from '../alert.schema.ts'
import { type DraftText, readDraft } from '../draft-input.ts'

const FIELDS = ['title', 'level', 'source', 'industries', 'products', 'towns', 'creditCodes', 'action', 'due'] as const

function DraftForm({ c, values, error }: { c: Context<AdminEnv>; values: DraftText; error?: string }) {
  const principal = c.get('principal')
  const v = (k: keyof DraftText) => values[k] ?? ''
  return (
    <Page
      nav={c.get('nav')}
      principal={principal}
      title="新建质量风险预警"
      active="/admin/alerts"
      notice={error ? { text: error, tone: 'bad' } : null}
    >
      <form method="post" action="/admin/alerts" class="card">
        <Csrf principal={principal} />
        <label>
          预警标题（4～60 字）
          <input name="title" value={v('title')} maxlength={60} required />
        </label>
        <p class="actions">
          <label>
            等级
            <select name="level">
              {ALERT_LEVELS.map((l) => (
                <option value={l} selected={v('level') === l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <label>
            信息来源
            <select name="source">
              {ALERT_SOURCES.map((s) => (
                <option value={s} selected={v('source') === s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label>
            回执截止（如 2026-12-10，或“3天”）
            <input name="due" value={v('due')} required />
          </label>
        </p>
        <p class="muted">范围：不同项之间须同时满足，同一项内满足任一即可；列出的企业另行加入。至少填写一项。</p>
        <p class="actions">
          <label>
            行业（多个用顿号分隔）
            <input name="industries" value={v('industries')} />
          </label>
          <label>
            产品
            <input name="products" value={v('products')} />
          </label>
          <label>
            镇街
            <input name="towns" value={v('towns')} />
          </label>
        </p>
        <label>
          企业统一社会信用代码（可填多个）
          <textarea name="creditCodes">{v('creditCodes')}</textarea>
        </label>
        <label>
          企业应采取的措施
          <textarea name="action" maxlength={500}>
            {v('action')}
          </textarea>
        </label>
        <p class="actions">
          <button type="submit" class="primary">
            预览覆盖范围
          </button>
        </p>
        <p class="muted">保存后先显示覆盖的企业、联系人、企业群和质量管家数，确认发布前不会发出任何消息。</p>
      </form>
    </Page>
  )
}

export const alertFormPage = (c: Context<AdminEnv>) => c.html(html(<DraftForm c={c} values={{ level: '一般' }} />))

export async function submitAlertForm(c: Context<AdminEnv>, deps: CoreDeps) {
  const body = await c.req.parseBody()
  const values: DraftText = {}
  for (const k of FIELDS) if (typeof body[k] === 'string') values[k] = (body[k] as string).slice(0, 2000)
  const read = readDraft(values, deps.clock.now())
  if (!read.ok) return c.html(html(<DraftForm c={c} values={values} error={read.message} />), 422)
  const made = await createAlertDraft(deps, c.get('principal'), 'console', read.draft)
  if (!made.ok) return c.html(html(<DraftForm c={c} values={values} error={made.message} />), made.status)
  return c.redirect(`/admin/alerts/${made.alert.id}?r=drafted`, 303)
}
