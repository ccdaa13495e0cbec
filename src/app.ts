// The Hono app: webhook and card-callback routes of each platform, the local simulator, health, one onError.
// The same app object serves Node (src/runtime/node.ts) and Workers (src/runtime/worker.ts).
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { CoreDeps } from './deps.ts'
import { isAppError } from './errors.ts'
import { simulatorRoutes } from './http/simulator.routes.ts'
import type { ConsoleInbox } from './platforms/console/port.ts'
import type { PlatformModule } from './platforms/platform.ts'
import type { TrafficGauge } from './runtime/core.ts'

export const MAX_BODY_BYTES = 1024 * 1024

export interface AppOptions {
  platforms?: PlatformModule[]
  /** The console inbox, when the local simulator is on. */
  simulator?: ConsoleInbox
  version?: string
  /** Counts requests in flight so background processing yields to acknowledgements (Node). */
  traffic?: TrafficGauge
  /** Node, PROCESSING=thread: whether the background thread is running or being restarted (shown on /healthz). */
  background?: () => 'running' | 'restarting'
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
    const platforms = Object.fromEntries(
      (['feishu', 'dingtalk', 'console'] as const).map((p) => [p, deps.ports[p] ? 'on' : 'off']),
    )
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
    if (platform.routes) app.route(`/webhooks/${platform.platform}`, platform.routes)
  }
  if (options.simulator) app.route('/simulator', simulatorRoutes(deps, options.simulator))

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
