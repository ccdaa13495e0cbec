// Toy platform, HTTP: POST /callback (mounted at /webhooks/toy): verify the signature over the raw body, then
// receive. Refused requests get 401/400 with a reason; nothing is stored for them.
import { Hono } from 'hono'
import type { BotCore } from '../../../src/bot/core.ts'
import type { CoreDeps } from '../../../src/deps.ts'
import { receiveToy } from './receive.ts'
import { verifyToy } from './verify.ts'

export function toyRoutes(deps: CoreDeps, core: BotCore, token: string) {
  const app = new Hono()
  app.post('/callback', async (c) => {
    const rawBody = await c.req.text()
    const verdict = verifyToy(
      { timestamp: c.req.header('x-toy-timestamp'), signature: c.req.header('x-toy-signature'), rawBody },
      token,
      deps.clock.now(),
    )
    if (!verdict.ok) return c.json({ errcode: 401, errmsg: verdict.reason }, 401)
    let body: unknown
    try {
      body = JSON.parse(rawBody)
    } catch {
      return c.json({ errcode: 400, errmsg: 'invalid_json' }, 400)
    }
    const outcome = await receiveToy(deps, core, body)
    if ('kind' in outcome && outcome.kind === 'invalid') return c.json({ errcode: 400, errmsg: outcome.reason }, 400)
    return c.json({ errcode: 0 })
  })
  return app
}
