// 知识库: the entries the bot answers policy questions from, read-only. Entries are edited as files under knowledge/
// (each checked against the plan's text and the evaluation set, CONTRIBUTING.md), not here.
import { Hono } from 'hono'
import type { AdminEnv } from '../../admin/env.ts'
import type { CoreDeps } from '../../deps.ts'
import { html, Page } from '../layout.tsx'

export function knowledgePages(deps: CoreDeps) {
  const app = new Hono<AdminEnv>()
  app.get('/knowledge', (c) => {
    const q = c.req.query('q')?.trim().slice(0, 50)
    const entries = deps.knowledge.entries.filter(
      (e) => !q || e.title.includes(q) || e.answer.includes(q) || e.keywords.some((k) => k.includes(q)),
    )
    return c.html(
      html(
        <Page nav={c.get('nav')} principal={c.get('principal')} title="知识库" active="/admin/knowledge">
          <p class="muted">
            共 {deps.knowledge.entries.length} 条。条目以文件形式维护于 knowledge/ 目录，修改后需运行测试和评测（见
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
