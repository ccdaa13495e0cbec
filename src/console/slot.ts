// What a feature adds to the staff console: its pages (mounted under /admin behind the sign-in, like the console's
// own) and their entries in the top bar. src/console/routes.tsx mounts them; the console never imports a feature.
import type { Hono } from 'hono'
import type { AdminEnv } from '../admin/env.ts'
import type { CoreDeps } from '../deps.ts'
import type { NavItem } from './layout.tsx'

export interface ConsolePages {
  /** Top-bar entries, shown after the console's own (by role: `adminOnly`). */
  nav: readonly NavItem[]
  /** The pages' routes, relative to /admin (e.g. `app.get('/alerts', …)`). */
  build(deps: CoreDeps): Hono<AdminEnv>
}
