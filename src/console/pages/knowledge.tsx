// 知识库: the entries the bot answers policy questions from, as it answers from them (the files of knowledge/ with
// the console's edits laid over them). Everyone reads; admins get an 编辑 link (knowledge-edit.tsx).
import { Hono } from 'hono'
import type { AdminEnv } from '../../admin/env.ts'
import { isAdmin } from '../../admin/principal.ts'
import type { CoreDeps } from '../../deps.ts'
import { syncEdits } from '../../features/knowledge/revisions.ts'
import { html, Page } from '../layout.tsx'

export function knowledgePages(deps: CoreDeps) {
  const app = new Hono<AdminEnv>()
  app.get('/knowledge', async (c) => {
    await syncEdits(deps, { force: true })
    const q = c.req.query('q')?.trim().slice(0, 50)
    const saved = c.req.query('saved')
    const admin = isAdmin(c.get('principal'))
    const edited = new Set([...deps.knowledge.edits].filter(([, f]) => f).map(([id]) => id))
    const entries = deps.knowledge.entries.filter(
      (e) => !q || e.title.includes(q) || e.answer.includes(q) || e.keywords.some((k) => k.includes(q)),
    )
    return c.html(
      html(
        <Page
          nav={c.get('nav')}
          principal={c.get('principal')}
          title="知识库"
          active="/admin/knowledge"
          notice={
            saved && deps.knowledge.get(saved)
              ? { text: `已保存“${deps.knowledge.get(saved)?.title}”，机器人即刻按新内容回答。`, tone: 'ok' }
              : null
          }
        >
          <p class="muted">
            共 {deps.knowledge.entries.length} 条。条目以文件形式维护于 knowledge/
            目录；管理员也可在此修改（保存前重跑评测，变差即不保存）， 修改可导出为文件放回 knowledge/（见
            CONTRIBUTING.md）。
          </p>
          <form method="get" action="/admin/knowledge" class="filters">
            <label>
              关键词
              <input name="q" value={q ?? ''} />
            </label>
            <button type="submit" class="primary">
              查找
            </button>
          </form>
          <table>
            <thead>
              <tr>
                <th>条目</th>
                <th>方案章节</th>
                <th>回答</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td>
                    {e.title}
                    <div class="muted">{e.id}</div>
                    {edited.has(e.id) && <span class="badge info">工作台已修改</span>}
                    {admin && (
                      <div>
                        <a href={`/admin/knowledge/${e.id}/edit`}>编辑</a>
                      </div>
                    )}
                  </td>
                  <td>{e.section}</td>
                  <td>
                    {e.answer}
                    {e.silentOn.length > 0 && <div class="muted">方案未明确：{e.silentOn.join('、')}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Page>,
      ),
    )
  })
  return app
}
