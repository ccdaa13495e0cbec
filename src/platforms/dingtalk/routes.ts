// The DingTalk HTTP entrances, mounted by the app at /webhooks/dingtalk:
//   POST /robot  robot messages ("HTTP 模式" 消息接收地址): verify → store → 200 at once → processed after;
//   POST /cards  interactive-card clicks (callbackType HTTP): verify → run the click → answer the new cardParamMap.
// Nothing is stored or sent for a request that fails verification or is not a DingTalk payload.
import { type Context, Hono } from 'hono'
import type { BotCore } from '../../bot/core.ts'
import type { CoreDeps } from '../../deps.ts'
import { receiveCardCallback, receiveRobotMessage } from './receive.ts'
import { verifyDingtalkSign } from './verify.ts'

export interface DingtalkRoutesOptions {
  appSecret: string
  core: BotCore
  /**
   * Whether card callbacks without `timestamp`/`sign` headers are accepted. DingTalk does not document how it signs
   * HTTP card callbacks (docs/protocols.md §DingTalk interactive cards), so unsigned ones are refused unless this is
   * on; signed ones are always checked. Stream mode needs neither.
   */
  allowUnsignedCardCallbacks?: boolean
}

type Verdict = { ok: true } | { ok: false; response: Response }

async function verify(c: Context, deps: CoreDeps, appSecret: string): Promise<Verdict> {
  const result = await verifyDingtalkSign({
    timestamp: c.req.header('timestamp'),
    sign: c.req.header('sign'),
    appSecret,
    now: () => deps.clock.now().getTime(),
  })
  if (result.ok) return result
  deps.log.warn('dingtalk callback refused', { path: c.req.path, reason: result.reason })
  const error = result.reason === 'stale' ? 'stale_request' : 'invalid_signature'
  return { ok: false, response: c.json({ error, reason: result.reason }, 401) }
}

async function readBody(c: Context): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  try {
    return { ok: true, body: JSON.parse(await c.req.text()) }
  } catch {
    return { ok: false, response: c.json({ error: 'invalid_json', reason: 'body is not JSON' }, 400) }
  }
}

export function dingtalkRoutes(deps: CoreDeps, options: DingtalkRoutesOptions) {
  const app = new Hono()

  app.post('/robot', async (c) => {
    const verdict = await verify(c, deps, options.appSecret)
    if (!verdict.ok) return verdict.response
    const read = await readBody(c)
    if (!read.ok) return read.response
    const outcome = await receiveRobotMessage(deps, options.core, read.body)
    if (outcome.status === 'invalid') return c.json({ error: 'bad_request', reason: outcome.reason }, 400)
    // An empty object: DingTalk only needs the 200; the answer goes out through the outbox.
    return c.json({})
  })

  app.post('/cards', async (c) => {
    const signed = c.req.header('sign') !== undefined || c.req.header('timestamp') !== undefined
    if (signed || !options.allowUnsignedCardCallbacks) {
      const verdict = await verify(c, deps, options.appSecret)
      if (!verdict.ok) return verdict.response
    }
    const read = await readBody(c)
    if (!read.ok) return read.response
    const outcome = await receiveCardCallback(deps, options.core, read.body)
    if (outcome.ok) return c.json(outcome.response)
    if (outcome.ignored) return c.json({})
    return c.json({ error: 'bad_request', reason: outcome.reason }, 400)
  })

  return app
}
