// The API reference, drawn on the server from the OpenAPI document itself: every operation by tag with its
// parameters, body fields and answers. Plain HTML and the console's own stylesheet, nothing from a CDN (many
// government networks have no internet).
import { raw } from 'hono/html'

type Json = Record<string, unknown>
interface Doc {
  info: { title: string; description?: string; version: string }
  tags?: { name: string; description?: string }[]
  paths?: Record<string, Record<string, Json>>
  components?: { schemas?: Record<string, Json> }
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

function resolve(doc: Doc, schema: Json | undefined): Json {
  const ref = schema?.$ref
  if (typeof ref === 'string') return doc.components?.schemas?.[ref.split('/').pop()!] ?? {}
  return schema ?? {}
}

function typeOf(doc: Doc, schema: Json | undefined): string {
  const s = resolve(doc, schema)
  if (Array.isArray(s.enum)) return s.enum.map(String).join(' | ')
  if (s.type === 'array') return `${typeOf(doc, s.items as Json)}[]`
  if (Array.isArray(s.anyOf)) return (s.anyOf as Json[]).map((x) => typeOf(doc, x)).join(' | ')
  if (Array.isArray(s.type)) return s.type.join(' | ')
  const name = typeof schema?.$ref === 'string' ? schema.$ref.split('/').pop() : undefined
  return name ?? String(s.type ?? '任意')
}

function Fields({ doc, schema }: { doc: Doc; schema: Json | undefined }) {
  const s = resolve(doc, schema)
  const props = (s.properties ?? {}) as Record<string, Json>
  const required = new Set((s.required ?? []) as string[])
  const names = Object.keys(props)
  if (!names.length) return <p class="muted">{typeOf(doc, schema)}</p>
  return (
    <table>
      <thead>
        <tr>
          <th>字段</th>
          <th>类型</th>
          <th>必填</th>
          <th>说明</th>
        </tr>
      </thead>
      <tbody>
        {names.map((n) => (
          <tr>
            <td>
              <code>{n}</code>
            </td>
            <td>
              <code>{typeOf(doc, props[n])}</code>
            </td>
            <td>{required.has(n) ? '是' : ''}</td>
            <td>{String(resolve(doc, props[n]).description ?? '')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function Operation({ doc, method, path, op }: { doc: Doc; method: string; path: string; op: Json }) {
  const params = (op.parameters ?? []) as Json[]
  const body = ((op.requestBody as Json | undefined)?.content as Json | undefined)?.['application/json'] as
    | Json
    | undefined
  const responses = (op.responses ?? {}) as Record<string, Json>
  return (
    <section class="op" id={`${method}-${path}`}>
      <h3>
        <span class={`method ${method}`}>{method.toUpperCase()}</span> <code>/admin/api{path}</code>
      </h3>
      <p>{String(op.summary ?? '')}</p>
      {params.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>参数</th>
              <th>位置</th>
              <th>类型</th>
              <th>必填</th>
            </tr>
          </thead>
          <tbody>
            {params.map((p) => (
              <tr>
                <td>
                  <code>{String(p.name)}</code>
                </td>
                <td>{String(p.in)}</td>
                <td>
                  <code>{typeOf(doc, p.schema as Json)}</code>
                </td>
                <td>{p.required ? '是' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {body && (
        <>
          <h4>请求体（JSON）</h4>
          <Fields doc={doc} schema={body.schema as Json} />
        </>
      )}
      <h4>返回</h4>
      <ul>
        {Object.entries(responses).map(([status, r]) => (
          <li>
            <code>{status}</code> {String(r.description ?? '')}
          </li>
        ))}
      </ul>
    </section>
  )
}

export function referencePage(document: unknown): string {
  const doc = document as Doc
  const ops = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method]! })),
  )
  const page = (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <title>{doc.info.title}</title>
        <link rel="stylesheet" href="/admin/assets/console.css" />
      </head>
      <body class="reference">
        <main>
          <h1>{doc.info.title}</h1>
          <p>{doc.info.description}</p>
          <p>
            机器可读的接口文档：<a href="/admin/api/openapi.json">openapi.json</a>（OpenAPI 3.1）
          </p>
          <nav>
            {(doc.tags ?? []).map((t) => (
              <a href={`#tag-${t.name}`}>{t.name}</a>
            ))}
          </nav>
          {(doc.tags ?? []).map((t) => (
            <section id={`tag-${t.name}`}>
              <h2>{t.name}</h2>
              <p class="muted">{t.description}</p>
              {ops
                .filter(({ op }) => ((op.tags ?? []) as string[]).includes(t.name))
                .map(({ path, method, op }) => (
                  <Operation doc={doc} method={method} path={path} op={op} />
                ))}
            </section>
          ))}
        </main>
      </body>
    </html>
  )
  return `<!doctype html>${raw(String(page))}`
}
