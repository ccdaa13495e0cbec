// The frame of every console page: the top bar with what the person may open (by role), who they are and
// sign-out, then the page. Server-rendered HTML; every form works without JavaScript.
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { AdminEnv } from '../admin/env.ts'
import type { Principal } from '../admin/principal.ts'
import { isAdmin } from '../admin/principal.ts'

export interface NavItem {
  path: string
  label: string
  /** Only admins see it (the directory, imports, jobs, audit). */
  adminOnly?: boolean
}

export const NAV: NavItem[] = [
  { path: '/admin/tickets', label: '工单' },
  { path: '/admin/enterprises', label: '企业' },
  { path: '/admin/knowledge', label: '知识库' },
  { path: '/admin/reports', label: '报表' },
  { path: '/admin/import', label: '导入', adminOnly: true },
  { path: '/admin/jobs', label: '任务与消息', adminOnly: true },
  { path: '/admin/audit', label: '操作日志', adminOnly: true },
]

const ROLE_NAMES: Record<string, string> = { staff: '工作人员', official: '审批领导', admin: '管理员' }

export function whoLabel(p: Principal) {
  return p.kind === 'staff' ? `${p.staff.name} · ${p.staff.department} · ${ROLE_NAMES[p.staff.role]}` : '管理令牌'
}

export function Page(props: {
  principal: Principal
  /** The features' own pages (src/console/slot.ts), listed after the console's. */
  nav?: readonly NavItem[]
  title: string
  active?: string
  notice?: { text: string; tone?: 'ok' | 'bad' } | null
  children?: Child
}) {
  const p = props.principal
  const items = [...NAV, ...(props.nav ?? [])].filter((n) => !n.adminOnly || isAdmin(p))
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · 质量强企服务助手`}</title>
        <link rel="stylesheet" href="/admin/assets/console.css" />
      </head>
      <body>
        <header class="top">
          <span class="brand">质量强企服务助手 · 工作台</span>
          <nav>
            {items.map((n) => (
              <a href={n.path} class={props.active === n.path ? 'active' : ''}>
                {n.label}
              </a>
            ))}
          </nav>
          <span class="who">
            <span data-testid="who">{whoLabel(p)}</span>
            {p.kind === 'staff' && (
              <form method="post" action="/admin/sign-out" class="inline">
                <input type="hidden" name="_csrf" value={p.csrf} />
                <button type="submit">退出登录</button>
              </form>
            )}
          </span>
        </header>
        <main>
          <h1>{props.title}</h1>
          {props.notice && <div class={`notice ${props.notice.tone ?? ''}`}>{props.notice.text}</div>}
          {props.children}
        </main>
      </body>
    </html>
  )
}

/** The CSRF field every form of a signed-in person carries (the guard checks it). */
export const Csrf = ({ principal }: { principal: Principal }) =>
  principal.kind === 'staff' ? <input type="hidden" name="_csrf" value={principal.csrf} /> : null

export const html = (node: unknown) => `<!doctype html>${String(node)}`

/** 403 as a page: the frame with why, nothing else. */
export const forbiddenPage = (c: Context<AdminEnv>, text: string) =>
  c.html(
    html(<Page nav={c.get('nav')} principal={c.get('principal')} title="无权访问" notice={{ text, tone: 'bad' }} />),
    403,
  )
