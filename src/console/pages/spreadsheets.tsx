// 导入 (admins): pick a kind, upload a spreadsheet, see the dry run (every change and every row error with row,
// column and reason), then confirm to write it in one transaction. The confirmation form carries the file back
// (base64 in a hidden field) so no upload is kept on the server between the two steps; it is checked again in full.
// 报表: the monthly report (.xlsx) and the lists as CSV.
import { type Context, Hono } from 'hono'
import type { AdminEnv } from '../../admin/env.ts'
import { isAdmin } from '../../admin/principal.ts'
import { attachment, XLSX } from '../../admin/resources/spreadsheets.ts'
import type { Feature } from '../../bot/feature.ts'
import type { CoreDeps } from '../../deps.ts'
import { kindCsv, ticketsCsv } from '../../export/lists.ts'
import { isMonth, monthlyReport, monthlyReportWorkbook } from '../../export/monthly-report.ts'
import { reportSheetsOf, sheetsFor } from '../../export/report-sheet.ts'
import { visibleTickets } from '../../features/tickets/ticket.admin-service.ts'
import { shanghaiMonth } from '../../features/tickets/time.ts'
import type { ImportKind } from '../../import/kind.ts'
import { type ImportReport, runImport } from '../../import/run.ts'
import { importKindsOf, templateWorkbook } from '../../import/template.ts'
import { Csrf, html, Page } from '../layout.tsx'

const ACTIONS = { create: '新增', update: '更新', unchanged: '无变化' } as const
const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

function Report({ report }: { report: ImportReport }) {
  return (
    <div data-testid="import-report">
      <div class={`notice ${report.errors.length ? 'bad' : 'ok'}`}>
        {report.label}：共 {report.rows} 行；新增 {report.created}，更新 {report.updated}，无变化 {report.unchanged}
        ，错误 {report.errors.length}。
        {report.applied
          ? ' 已全部写入。'
          : report.errors.length
            ? ' 有错误的表格不会写入，请修改后重新上传。'
            : report.created + report.updated
              ? ' 以上为预览，尚未写入。'
              : ' 没有需要写入的变化。'}
      </div>
      {report.notes.map((note) => (
        <div class="notice">{note}</div>
      ))}
      {report.errors.length > 0 && (
        <>
          <h2>错误</h2>
          <table data-testid="import-errors">
            <thead>
              <tr>
                <th>行</th>
                <th>列</th>
                <th>原因</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e) => (
                <tr>
                  <td>第 {e.row} 行</td>
                  <td>{e.column}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>逐行结果</h2>
      <table>
        <thead>
          <tr>
            <th>行</th>
            <th>结果</th>
            <th>记录</th>
          </tr>
        </thead>
        <tbody>
          {report.changes.map((c) => (
            <tr>
              <td>第 {c.row} 行</td>
              <td>
                <span class={`badge ${c.action === 'create' ? 'ok' : c.action === 'update' ? 'info' : ''}`}>
                  {ACTIONS[c.action]}
                </span>
              </td>
              <td>{c.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function spreadsheetPages(deps: CoreDeps, features: readonly Feature[]) {
  const app = new Hono<AdminEnv>()
  const kinds = importKindsOf(features)
  const kindOf = (name: unknown) => kinds.find((k) => k.kind === name)
  const forbidden = (c: Context<AdminEnv>) =>
    c.html(
      html(
        <Page
          nav={c.get('nav')}
          principal={c.get('principal')}
          title="无权访问"
          notice={{ text: '仅管理员可以导入。', tone: 'bad' }}
        />,
      ),
      403,
    )

  const ImportForm = ({ c, selected }: { c: Context<AdminEnv>; selected?: string }) => (
    <form method="post" action="/admin/import" enctype="multipart/form-data" class="card actions">
      <Csrf principal={c.get('principal')} />
      <label>
        导入内容
        <select name="kind">
          {kinds.map((k) => (
            <option value={k.kind} selected={k.kind === selected}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        表格文件（.xlsx 或 .csv）
        <input type="file" name="file" accept=".xlsx,.csv" required />
      </label>
      <button type="submit" class="primary">
        上传并预览
      </button>
    </form>
  )

  app.get('/import', (c) => {
    if (!isAdmin(c.get('principal'))) return forbidden(c)
    return c.html(
      html(
        <Page nav={c.get('nav')} principal={c.get('principal')} title="导入" active="/admin/import">
          <p class="muted">
            先预览：列出将新增、更新的记录和每一处错误（第几行、哪一列、原因）；确认后一次性写入，有错误的表格不会写入。重复导入同一表格不会产生变化。
          </p>
          <ImportForm c={c} />
          <h2>下载模板</h2>
          <p>
            {kinds.map((k) => (
              <a class="button" href={`/admin/import/template/${k.kind}`} style="margin-right: 8px">
                {k.label}模板
              </a>
            ))}
          </p>
        </Page>,
      ),
    )
  })

  app.get('/import/template/:kind', async (c) => {
    const kind = kindOf(c.req.param('kind'))
    if (!kind) return c.notFound()
    return c.body(await templateWorkbook(kind), 200, attachment(`导入模板-${kind.label}.xlsx`, XLSX))
  })

  const preview = async (c: Context<AdminEnv>, kind: ImportKind, bytes: Uint8Array, apply: boolean) => {
    const report = await runImport(deps, kind, bytes, { apply, who: c.get('principal'), via: 'console' })
    const canApply = !apply && !report.errors.length && report.created + report.updated > 0
    return c.html(
      html(
        <Page
          nav={c.get('nav')}
          principal={c.get('principal')}
          title={apply ? '导入结果' : '导入预览'}
          active="/admin/import"
        >
          <Report report={report} />
          {canApply && (
            <form method="post" action="/admin/import/apply" class="card">
              <Csrf principal={c.get('principal')} />
              <input type="hidden" name="kind" value={kind.kind} />
              <input type="hidden" name="content" value={toBase64(bytes)} />
              <button type="submit" class="primary">
                确认导入（{report.created + report.updated} 条）
              </button>
            </form>
          )}
          <ImportForm c={c} selected={kind.kind} />
        </Page>,
      ),
    )
  }

  app.post('/import', async (c) => {
    if (!isAdmin(c.get('principal'))) return forbidden(c)
    const body = await c.req.parseBody()
    const kind = kindOf(body.kind)
    const upload = body.file
    if (!kind || !(upload instanceof File) || upload.size === 0) return c.redirect('/admin/import', 303)
    return preview(c, kind, new Uint8Array(await upload.arrayBuffer()), false)
  })

  app.post('/import/apply', async (c) => {
    if (!isAdmin(c.get('principal'))) return forbidden(c)
    const body = await c.req.parseBody()
    const kind = kindOf(body.kind)
    if (!kind || typeof body.content !== 'string') return c.redirect('/admin/import', 303)
    return preview(c, kind, new Uint8Array(Buffer.from(body.content, 'base64')), true)
  })

  app.get('/reports', (c) => {
    const principal = c.get('principal')
    const month = shanghaiMonth(deps.clock.now())
    return c.html(
      html(
        <Page nav={c.get('nav')} principal={principal} title="报表" active="/admin/reports">
          <form method="get" action="/admin/reports/monthly.xlsx" class="card actions">
            <label>
              月份
              <input type="month" name="month" value={month} required />
            </label>
            <button type="submit" class="primary">
              下载月报（Excel）
            </button>
          </form>
          <h2>导出列表（CSV）</h2>
          <p>
            <a class="button" href="/admin/exports/tickets.csv">
              工单
            </a>{' '}
            {isAdmin(principal) &&
              kinds.map((k) => (
                <a class="button" href={`/admin/exports/${k.kind}.csv`} style="margin-right: 8px">
                  {k.label}
                </a>
              ))}
          </p>
          <p class="muted">企业、联系人、人员、标准、证书的导出与导入模板列相同，修改后可直接导入。</p>
        </Page>,
      ),
    )
  })

  app.get('/reports/monthly.xlsx', async (c) => {
    const month = c.req.query('month')
    if (!isMonth(month)) return c.redirect('/admin/reports', 303)
    const bytes = await monthlyReportWorkbook(
      await monthlyReport(deps.db, month),
      await sheetsFor(reportSheetsOf(features), deps.db, month),
    )
    return c.body(bytes, 200, attachment(`月报-${month}.xlsx`, XLSX))
  })

  app.get('/exports/:file{[a-z-]+\\.csv}', async (c) => {
    const name = c.req.param('file').replace(/\.csv$/, '')
    const principal = c.get('principal')
    if (name === 'tickets') {
      return c.body(
        await ticketsCsv(deps.db, visibleTickets(principal)),
        200,
        attachment('工单.csv', 'text/csv; charset=utf-8'),
      )
    }
    const kind = kindOf(name)
    if (!kind) return c.notFound()
    if (!isAdmin(principal)) return forbidden(c)
    return c.body(await kindCsv(deps.db, kind), 200, attachment(`${kind.label}.csv`, 'text/csv; charset=utf-8'))
  })
  return app
}
