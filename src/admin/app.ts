// Everything under /admin, behind one guard (guard.ts): the admin API (/admin/api) and the staff console (src/console).
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Feature } from '../bot/feature.ts'
import { consoleRoutes } from '../console/routes.tsx'
import type { CoreDeps } from '../deps.ts'
import { isAppError } from '../errors.ts'
import { buildAdminApi } from './api.ts'
import type { AdminEnv } from './env.ts'
import { adminGuard } from './guard.ts'
import { failureLimiter } from './rate-limit.ts'

export function adminApp(deps: CoreDeps, features: readonly Feature[]) {
  const admin = new Hono<AdminEnv>()
  admin.use('*', adminGuard(deps, failureLimiter()))
  admin.route('/api', buildAdminApi(deps, features))
  admin.route('/', consoleRoutes(deps, features))
  admin.onError((error, c) => {
    if (isAppError(error)) {
      return c.json({ error: error.code, message: error.message }, error.status as ContentfulStatusCode)
    }
    if (error instanceof HTTPException) {
      return c.json({ error: 'bad_request', message: error.message || '请求有误。' }, error.status)
    }
    deps.log.error('admin: unhandled error', { path: c.req.path, error })
    return c.json({ error: 'internal', message: '服务暂时不可用，请稍后再试。' }, 500)
  })
  return admin
}
