// 知识库 › 编辑: admins change an entry's title, keywords, synonyms and answer. 预览 shows the answer card people
// would get (the simulator's renderer, src/cards/render-html.ts) and the evaluation before and after; 保存 runs it
// all again on the server (src/features/knowledge/editor.ts) and refuses an edit that makes any measure worse,
// keeping what the person typed. 导出 downloads the entry as its knowledge/<id>.md file: how an edit gets back
// into the repository. Everyone else reads the list only.
import { type Context, Hono } from 'hono'
import { raw } from 'hono/html'
import type { AdminEnv } from '../../admin/env.ts'
import { isAdmin } from '../../admin/principal.ts'
import { CARD_CSS } from '../../cards/html-style.ts'
import { renderCardHtml } from '../../cards/render-html.ts'
import type { CoreDeps } from '../../deps.ts'
import { formatTime } from '../../features/enterprises/dates.ts'
import { checkEdit, type EditInput, type EditResult, saveEdit } from '../../features/knowledge/editor.ts'
import { type EditableFields, editableOf, LIMITS, splitWords } from '../../features/knowledge/edits.ts'
import { entryToMarkdown } from '../../features/knowledge/entry-file.ts'
import { revisionsOf, syncEdits } from '../../features/knowledge/revisions.ts'
import { Csrf, forbiddenPage, html, Page } from '../layout.tsx'
import { EvaluationTable, issueOf } from './knowledge-evaluation.tsx'

/** What the form shows: the fields as typed (words joined one per line). */
interface FormValues {
  title: string
  keywords: string
  synonyms: string
  answer: string
}
const formOf = (f: EditableFields): FormValues => ({
  title: f.title,
  keywords: f.keywords.join('\n'),
  synonyms: f.synonyms.join('\n'),
  answer: f.answer,
})

export function knowledgeEditPages(deps: CoreDeps) {
  const app = new Hono<AdminEnv>()
  const forbidden = (c: Context<AdminEnv>) => forbiddenPage(c, '只有管理员可以修改知识库；其他人员可在“知识库”中查看。')
  const fileEntry = (id: string) => deps.knowledge.base.entries.find((e) => e.id === id)

  const render = async (
    c: Context<AdminEnv>,
    id: string,
    values: FormValues,
    result: EditResult | null,
    status: 200 | 422,
  ) => {
    const entry = deps.knowledge.get(id)!
    const revisions = await revisionsOf(deps.db, id)
    const issues = result?.kind === 'invalid' ? result.issues : []
    const notice =
      result?.kind === 'invalid'
        ? { text: '输入有误，请按各栏下方的提示修改，修改未保存。', tone: 'bad' as const }
        : result?.kind === 'refused'
          ? {
              text: `修改会让回答变差，未保存：${result.regressions.map((r) => r.message).join('；')}。`,
              tone: 'bad' as const,
            }
          : result?.kind === 'checked'
            ? {
                text: `预览：评测用时 ${result.evaluationMs} 毫秒。尚未保存。`,
                tone: result.regressions.length ? ('bad' as const) : undefined,
              }
            : null
    const checked = result && result.kind !== 'invalid' && result.kind !== 'not_found' ? result : null
    return c.html(
      html(
        <Page
          nav={c.get('nav')}
          principal={c.get('principal')}
          title={`编辑：${entry.title}`}
          active="/admin/knowledge"
          notice={notice}
        >
          <style>{raw(CARD_CSS)}</style>
          <p class="muted">
            条目 {id} · 方案 {entry.section}。可修改标题、关键词、同义词和回答；所引条款和原文在 knowledge/{id}.md
            中维护。保存前会在服务器上重跑评测，任何一项变差即不保存。
            <a href={`/admin/knowledge/${id}/export`}>导出为 knowledge/{id}.md</a>
          </p>
          <form method="post" action={`/admin/knowledge/${id}/edit`} class="card">
            <Csrf principal={c.get('principal')} />
            <label>
              标题（最多 {LIMITS.title} 字）
              <input name="title" value={values.title} maxlength={LIMITS.title * 2} />
            </label>
            {issueOf(issues, 'title')}
            <label>
              关键词（每行一个，至少一个）
              <textarea name="keywords">{values.keywords}</textarea>
            </label>
            {issueOf(issues, 'keywords')}
            <label>
              同义词（每行一个，可不填）
              <textarea name="synonyms">{values.synonyms}</textarea>
            </label>
            {issueOf(issues, 'synonyms')}
            <label>
              回答（一到四句，最多 {LIMITS.answer} 字；数字只能来自所引条款）
              <textarea name="answer" rows={5}>
                {values.answer}
              </textarea>
            </label>
            {issueOf(issues, 'answer')}
            <div class="actions">
              <button type="submit" name="op" value="preview">
                预览
              </button>
              <button type="submit" name="op" value="save" class="primary">
                保存
              </button>
              <a href="/admin/knowledge">返回知识库</a>
            </div>
          </form>
          {checked && (
            <section data-testid="preview">
              <h2>预览：用户问“{checked.question}”时看到的回答</h2>
              {checked.chosenFor !== id && (
                <p class="notice bad">
                  注意：修改后，机器人对这个问题会先引用
                  {checked.chosenFor ? `条目 ${checked.chosenFor}` : '不作回答（拒答）'}，而不是本条目。
                </p>
              )}
              <div style="max-width:520px">{checked.card ? raw(renderCardHtml(checked.card)) : '（无回答）'}</div>
              <h2>评测：修改前 → 修改后</h2>
              <EvaluationTable before={checked.before} after={checked.after} />
            </section>
          )}
          <h2>修改记录</h2>
          {revisions.length === 0 ? (
            <p class="muted">尚未在工作台修改过，当前为文件中的版本。</p>
          ) : (
            <table>
              <tbody>
                {revisions.map((r) => (
                  <tr>
                    <td>{formatTime(r.createdAt)}</td>
                    <td>{r.authorName ?? ''}</td>
                    <td>{r.fields ? `修改：${r.fields.title}` : '恢复为文件版本'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {revisions[0]?.fields && (
            <form method="post" action={`/admin/knowledge/${id}/revert`} class="actions">
              <Csrf principal={c.get('principal')} />
              <button type="submit" class="danger">
                恢复为文件版本
              </button>
            </form>
          )}
        </Page>,
      ),
      status,
    )
  }

  app.get('/knowledge/:id/edit', async (c) => {
    if (!isAdmin(c.get('principal'))) return forbidden(c)
    await syncEdits(deps, { force: true })
    const id = c.req.param('id')
    if (!fileEntry(id)) return c.notFound()
    return render(c, id, formOf(editableOf(deps.knowledge.get(id)!)), null, 200)
  })

  app.post('/knowledge/:id/edit', async (c) => {
    if (!isAdmin(c.get('principal'))) return forbidden(c)
    const id = c.req.param('id')
    if (!fileEntry(id)) return c.notFound()
    const body = await c.req.parseBody()
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '')
    const values: FormValues = {
      title: text('title'),
      keywords: text('keywords'),
      synonyms: text('synonyms'),
      answer: text('answer'),
    }
    const input: EditInput = {
      fields: {
        title: values.title,
        keywords: splitWords(values.keywords),
        synonyms: splitWords(values.synonyms),
        answer: values.answer,
      },
    }
    const result =
      text('op') === 'save'
        ? await saveEdit(deps, c.get('principal'), 'console', id, input)
        : await checkEdit(deps, id, input)
    if (result.kind === 'not_found') return c.notFound()
    if (result.kind === 'saved') return c.redirect(`/admin/knowledge?saved=${encodeURIComponent(id)}`, 303)
    return render(c, id, values, result, result.kind === 'checked' ? 200 : 422)
  })

  app.post('/knowledge/:id/revert', async (c) => {
    if (!isAdmin(c.get('principal'))) return forbidden(c)
    const id = c.req.param('id')
    if (!fileEntry(id)) return c.notFound()
    const result = await saveEdit(deps, c.get('principal'), 'console', id, { revert: true })
    if (result.kind === 'saved') return c.redirect(`/admin/knowledge?saved=${encodeURIComponent(id)}`, 303)
    return render(c, id, formOf(editableOf(deps.knowledge.get(id)!)), result, 422)
  })

  app.get('/knowledge/:id/export', async (c) => {
    await syncEdits(deps, { force: true })
    const id = c.req.param('id')
    const entry = fileEntry(id) && deps.knowledge.get(id)
    if (!entry) return c.notFound()
    return c.body(entryToMarkdown(entry), 200, {
      'content-type': 'text/markdown; charset=utf-8',
      'content-disposition': `attachment; filename="${id}.md"`,
    })
  })
  return app
}
