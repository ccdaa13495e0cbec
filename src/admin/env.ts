// The Hono environment of everything under /admin: the guard (guard.ts) puts the caller here before any route runs.
import type { NavItem } from '../console/layout.tsx'
import type { Principal, Via } from './principal.ts'

export interface AdminEnv {
  Variables: {
    principal: Principal
    /** `api` under /admin/api, `console` for the pages. */
    via: Via
    /** The features' console pages in the top bar (src/console/slot.ts); set by the console's routes. */
    nav: readonly NavItem[]
  }
}
