// The Feishu webhook sub-app, mounted by the app at /webhooks/feishu:
//   POST /events  event subscription (also accepts card.action.trigger, as Feishu allows one URL for both)
//   POST /cards   card callbacks, new-style (card.action.trigger) and old-style (sha1-signed flat body)
// Forged, malformed or foreign requests get 400/401 with a JSON reason, never 200: a silent 200 (the SDK's
// behaviour) hides misconfiguration and tells an attacker nothing useful anyway.
import { type Context, Hono } from 'hono'
import { type ReceiveContext, receiveEnvelope } from './receive.ts'
import { type FeishuSecrets, openRequest } from './verify-request.ts'

export interface FeishuRoutesOptions extends ReceiveContext {
  secrets: FeishuSecrets
  maxAgeSeconds?: number
}

export function createFeishuRoutes(options: FeishuRoutesOptions): Hono {
  const app = new Hono()
  const { secrets } = options

  const handle = (route: 'events' | 'cards') => async (c: Context) => {
    // Work deferred by the core outlives the response: in the background on Node, in waitUntil on Workers
    // (src/runtime/worker.ts binds deps.defer to the request's ExecutionContext).
    const deps = options.deps
    const rawBody = await c.req.text()
    const opened = await openRequest({ rawBody, header: (name) => c.req.header(name) }, secrets, {
      now: () => deps.clock.now(),
      maxAgeSeconds: options.maxAgeSeconds,
    })
    if (!opened.ok) {
      deps.log.warn('feishu request refused', { route, reason: opened.reason })
      const error = opened.status === 401 ? 'unauthorized' : 'bad_request'
      return c.json({ error, reason: opened.reason }, opened.status)
    }
    const answer = await receiveEnvelope(options, opened.envelope)
    deps.log.debug('feishu request answered', { route, outcome: answer.outcome })
    return c.json(answer.body, answer.status)
  }

  app.post('/events', handle('events'))
  app.post('/cards', handle('cards'))
  return app
}
