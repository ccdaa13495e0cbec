// The Hono app: the routes of each platform module (webhooks, card callbacks, the console's simulator), health,
// one onError.
// The same app object serves Node (src/runtime/node.ts) and Workers (src/runtime/worker.ts).
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { adminApp } from './admin/app.ts'
import type { Feature } from './bot/feature.ts'
import type { CoreDeps } from './deps.ts'
import { isAppError } from './errors.ts'
import { mountPathOf, type PlatformModule } from './platforms/platform.ts'
import type { TrafficGauge } from './runtime/core.ts'

export const MAX_BODY_BYTES = 1024 * 1024

export interface AppOptions {
  platforms?: PlatformModule[]
  version?: string
  /** Counts requests in flight so background processing yields to acknowledgements (Node). */
  traffic?: TrafficGauge
  /** Node, PROCESSING=thread: whether the background thread is running or being restarted (shown on /healthz). */
  background?: () => 'running' | 'restarting'
  /**
   * The features the core was built with: their HTTP routes are mounted, and /admin (the admin API and the staff
   * console, src/admin) with their admin resources. Without them there is no /admin at all.
   */
  features?: readonly Feature[]
}

export function createApp(deps: CoreDeps, options: AppOptions = {}) {
  const app = new Hono()

  const traffic = options.traffic
  if (traffic) app.use('*', (_c, next) => traffic.track(next))

  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json({ error: 'payload_too_large', message: 'request body exceeds 1 MiB' }, 413),
    }),
  )

  app.get('/healthz', async (c) => {
    const started = Date.now()
    const database = await deps.db.$queryRawUnsafe('SELECT 1').then(
      () => 'ok' as const,
      (error: Error) => {
        deps.log.error('health check: database unreachable', { error })
        return 'unreachable' as const
      },
    )
    // Every platform module given, and any port the core has: whatever is listed is on.
    const names = new Set([...(options.platforms ?? []).map((p) => p.platform), ...Object.keys(deps.ports)])
    const platforms = Object.fromEntries([...names].map((p) => [p, deps.ports[p] ? 'on' : 'off']))
    // A restarting background thread delays answers but loses nothing (events are stored first): degraded, not down.
    const background = options.background?.()
    const body = {
      status: database === 'ok' && background !== 'restarting' ? 'ok' : 'degraded',
      database,
      ...(background ? { background } : {}),
      platforms,
      version: options.version,
      ms: Date.now() - started,
    }
    return c.json(body, database === 'ok' ? 200 : 503)
  })

  for (const platform of options.platforms ?? []) {
    if (platform.routes) app.route(mountPathOf(platform), platform.routes)
  }

  if (options.features) {
    app.route('/admin', adminApp(deps, options.features))
    for (const feature of options.features) {
      if (feature.routes) app.route(feature.routes.path, feature.routes.build(deps))
    }
  }

  app.notFound((c) => c.json({ error: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` }, 404))

  app.onError((error, c) => {
    if (isAppError(error)) {
      if (error.status >= 500) deps.log.error('request failed', { path: c.req.path, code: error.code, error })
      return c.json({ error: error.code, message: error.message }, error.status as ContentfulStatusCode)
    }
    deps.log.error('unhandled error', { path: c.req.path, error })
    return c.json({ error: 'internal', message: '服务暂时不可用，请稍后再试。' }, 500)
  })

  return app
}
