// The staff console under /admin, behind the admin guard (src/admin/guard.ts): sign-in, the stylesheet and the
// pages. Each page decides what the signed-in person may see by their role.
import { Hono } from 'hono'
import type { AdminEnv } from '../admin/env.ts'
import type { Feature } from '../bot/feature.ts'
import type { CoreDeps } from '../deps.ts'
import { enterprisePages } from './pages/enterprises.tsx'
import { knowledgePages } from './pages/knowledge.tsx'
import { knowledgeEditPages } from './pages/knowledge-edit.tsx'
import { operationPages } from './pages/operations.tsx'
import { spreadsheetPages } from './pages/spreadsheets.tsx'
import { ticketPages } from './pages/tickets.tsx'
import { signInRoutes } from './sign-in.tsx'
import { CONSOLE_CSS } from './style.ts'

export function consoleRoutes(deps: CoreDeps, features: readonly Feature[]) {
  const app = new Hono<AdminEnv>()
  const nav = features.flatMap((f) => f.console?.nav ?? [])
  app.use('*', async (c, next) => {
    c.set('nav', nav)
    await next()
  })
  app.get('/assets/console.css', (c) =>
    c.body(CONSOLE_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=3600' }),
  )
  app.route('/', signInRoutes(deps))
  app.get('/', (c) => c.redirect('/admin/tickets', 302))
  app.route('/', ticketPages(deps))
  app.route('/', enterprisePages(deps))
  app.route('/', knowledgePages(deps))
  app.route('/', knowledgeEditPages(deps))
  app.route('/', operationPages(deps, features))
  app.route('/', spreadsheetPages(deps, features))
  for (const f of features) if (f.console) app.route('/', f.console.build(deps))
  return app
}
