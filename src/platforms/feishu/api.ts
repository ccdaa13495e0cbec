// The Feishu open API calls the bot makes, through the official SDK `Client` (it fetches and caches the
// tenant_access_token). Two SDK defaults are replaced on purpose:
// - the token cache: the SDK's default `internalCache` is process-global and keyed by appId, so two clients for the
//   same app (tests, a restarted platform) would share a token we may have invalidated; each client gets its own;
// - the HTTP instance: see sdk-http.ts (response headers for rate limits, runs on Workers).
import * as lark from '@larksuiteoapi/node-sdk'
import type { Logger } from '../../log.ts'
import { createFetchHttpInstance, FeishuHttpError } from './sdk-http.ts'

/** Codes meaning "the access token is invalid or expired": drop the cached token and try once more. */
export const TOKEN_INVALID_CODES = new Set([99991661, 99991663, 99991664, 99991665, 99991668])

export type ApiOutcome =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; status: number; code?: number; msg: string; retryAfterSeconds?: number }

export interface FeishuApiOptions {
  appId: string
  appSecret: string
  baseUrl: string
  log: Logger
  fetch?: typeof fetch
}

type ReceiveIdType = 'chat_id' | 'open_id'
export type MsgType = 'text' | 'interactive'

function tokenCache(): lark.Cache & { clear(): void } {
  const values = new Map<string, { value: unknown; expiresAt: number }>()
  const keyOf = (key: string | symbol, namespace?: string) => `${namespace ?? ''}:${String(key)}`
  return {
    async get(key, options) {
      const entry = values.get(keyOf(key as string | symbol, options?.namespace))
      return entry && entry.expiresAt > Date.now() ? entry.value : undefined
    },
    async set(key, value, expiresAt, options) {
      values.set(keyOf(key as string | symbol, options?.namespace), { value, expiresAt: expiresAt ?? Infinity })
      return true
    },
    clear: () => values.clear(),
  }
}

function sdkLogger(log: Logger): lark.Logger {
  // The SDK logs every failed call at error level; the port reports outcomes itself, so keep SDK noise at debug.
  const write = (...msg: unknown[]) => log.debug('feishu sdk', { detail: msg.map(String).join(' ').slice(0, 500) })
  return { error: write, warn: write, info: write, debug: () => {}, trace: () => {} }
}

function outcomeOf(body: unknown, status = 200, headers?: Headers): ApiOutcome {
  const record = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const code = typeof record.code === 'number' ? record.code : undefined
  if (status >= 200 && status < 300 && (code === 0 || code === undefined)) return { ok: true, data: record }
  const reset = Number(headers?.get('x-ogw-ratelimit-reset'))
  return {
    ok: false,
    status,
    code,
    msg: typeof record.msg === 'string' ? record.msg : `HTTP ${status}`,
    retryAfterSeconds: Number.isFinite(reset) && reset > 0 ? reset : undefined,
  }
}

function outcomeOfError(error: unknown): ApiOutcome {
  if (error instanceof FeishuHttpError) return outcomeOf(error.body, error.status, error.headers)
  // Network failure, timeout, or the SDK's token fetch refused ("…tenant_access_token…" with the API's code/msg).
  const message = error instanceof Error ? error.message : String(error)
  const code = /"?code"?\s*[:=]\s*(\d+)/.exec(message)?.[1]
  return { ok: false, status: 0, code: code ? Number(code) : undefined, msg: message.slice(0, 300) }
}

export function createFeishuApi(options: FeishuApiOptions) {
  const cache = tokenCache()
  const client = new lark.Client({
    appId: options.appId,
    appSecret: options.appSecret,
    domain: options.baseUrl,
    appType: lark.AppType.SelfBuild,
    cache,
    httpInstance: createFetchHttpInstance({ fetch: options.fetch }),
    logger: sdkLogger(options.log),
    loggerLevel: lark.LoggerLevel.error,
  })

  /** One call; on an invalid-token answer, forget the token and call once more with a fresh one. */
  async function call(run: () => Promise<unknown>): Promise<ApiOutcome> {
    for (let attempt = 0; ; attempt++) {
      const outcome = await run().then(
        (body) => outcomeOf(body),
        (error: unknown) => outcomeOfError(error),
      )
      if (outcome.ok || attempt > 0 || outcome.code === undefined || !TOKEN_INVALID_CODES.has(outcome.code)) {
        return outcome
      }
      options.log.info('feishu token rejected, refreshing', { code: outcome.code })
      cache.clear()
    }
  }

  return {
    client,
    send(receiveIdType: ReceiveIdType, receiveId: string, msgType: MsgType, content: string, uuid?: string) {
      return call(() =>
        client.im.v1.message.create({
          params: { receive_id_type: receiveIdType },
          data: { receive_id: receiveId, msg_type: msgType, content, uuid },
        }),
      )
    },
    reply(messageId: string, msgType: MsgType, content: string, uuid?: string) {
      return call(() =>
        client.im.v1.message.reply({ path: { message_id: messageId }, data: { msg_type: msgType, content, uuid } }),
      )
    },
    /** Replaces a card message for everyone (needs update_multi before and after; ≤ 14 days; 5 QPS per message). */
    patch(messageId: string, content: string) {
      return call(() => client.im.v1.message.patch({ path: { message_id: messageId }, data: { content } }))
    },
    /** Delayed update with a callback token (valid 30 min, few uses), only after the callback was answered. */
    updateCardByToken(token: string, card: Record<string, unknown>, openIds?: string[]) {
      const data = { token, card: openIds ? { ...card, open_ids: openIds } : card }
      return call(() => client.request({ method: 'POST', url: '/open-apis/interactive/v1/card/update', data }))
    },
    /** The bot's own open_id (to tell its @-mention from others in groups). */
    async botOpenId(): Promise<string | undefined> {
      const outcome = await call(() => client.request({ method: 'GET', url: '/open-apis/bot/v3/info' }))
      const bot = outcome.ok ? (outcome.data.bot as { open_id?: unknown } | undefined) : undefined
      return typeof bot?.open_id === 'string' ? bot.open_id : undefined
    },
  }
}

export type FeishuApi = ReturnType<typeof createFeishuApi>
