// The Feishu (Lark) platform: webhook routes (always mounted: old-style card callbacks only come over HTTP), the
// outbox port, and in FEISHU_MODE=ws the long-connection client. Built from CoreDeps; needs config.feishu.
import type { Capabilities } from '../../bot/capabilities.ts'
import { botCore } from '../../bot/core.ts'
import type { CoreDeps } from '../../deps.ts'
import { AppError } from '../../errors.ts'
import type { AdapterOptions, PlatformModule } from '../platform.ts'
import { createFeishuApi, type FeishuApi } from './api.ts'
import { readEnvelope } from './decode.ts'
import { createFeishuPort } from './port.ts'
import { type ReceiveContext, receiveEnvelope } from './receive.ts'
import { createFeishuRoutes } from './routes.ts'
import { createFeishuWs } from './ws.ts'

/**
 * Card JSON 2.0: forms, charts, in-place updates, and a token to update a card after a slow click. No image
 * messages: every card draws its chart natively, so a PNG would only repeat it (docs/protocols.md §Feishu messages
 * and cards says what adding them would take).
 */
export const FEISHU_CAPABILITIES: Capabilities = {
  label: '飞书',
  forms: true,
  inPlaceCardUpdate: true,
  delayedUpdateTokens: true,
  numberedReplies: false,
  p2p: true,
  charts: true,
  images: false,
}

export interface FeishuPlatformOptions extends AdapterOptions {
  /** For the API client (tests may pass one that records). */
  fetch?: typeof fetch
  /** Signature timestamp window, seconds. */
  maxAgeSeconds?: number
  /** Long-connection watchdog: reconnect after this much silence. */
  wsSilenceMs?: number
}

const BOT_INFO_BUDGET_MS = 1000
const BOT_INFO_RETRY_MS = 60_000

/** The bot's open_id, fetched once; while unknown (API down) we never hold an ack for long waiting for it. */
function botIdentity(api: FeishuApi, deps: CoreDeps) {
  let known: string | undefined
  let retryAt = 0
  let inflight: Promise<string | undefined> | undefined
  return async (): Promise<string | undefined> => {
    if (known || Date.now() < retryAt) return known
    inflight ??= api
      .botOpenId()
      .catch(() => undefined)
      .then((id) => {
        if (id) known = id
        else retryAt = Date.now() + BOT_INFO_RETRY_MS
        if (!id) deps.log.warn('feishu bot identity unknown; any @-mention in a group counts')
        return id
      })
      .finally(() => {
        inflight = undefined
      })
    let timer: ReturnType<typeof setTimeout> | undefined
    const budget = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), BOT_INFO_BUDGET_MS)
    })
    return Promise.race([inflight, budget]).finally(() => clearTimeout(timer))
  }
}

export function createFeishuPlatform(deps: CoreDeps, options: FeishuPlatformOptions = {}): PlatformModule {
  const config = deps.config.feishu
  if (!config) throw new AppError('config_invalid', 'Feishu is not configured (FEISHU_APP_ID, …)')
  const log = deps.log.child({ platform: 'feishu' })
  const api = createFeishuApi({
    appId: config.appId,
    appSecret: config.appSecret,
    baseUrl: config.baseUrl,
    log,
    fetch: options.fetch,
  })
  const context: Omit<ReceiveContext, 'deps'> = {
    core: options.core ?? botCore,
    api,
    botOpenId: botIdentity(api, deps),
  }
  const routes = createFeishuRoutes({
    ...context,
    deps,
    secrets: { appId: config.appId, verificationToken: config.verificationToken, encryptKey: config.encryptKey },
    maxAgeSeconds: options.maxAgeSeconds,
  })
  const platform: PlatformModule = {
    platform: 'feishu',
    port: createFeishuPort(api, log),
    capabilities: FEISHU_CAPABILITIES,
    routes,
  }
  if (config.mode !== 'ws') return platform

  const ws = createFeishuWs({
    appId: config.appId,
    appSecret: config.appSecret,
    baseUrl: config.baseUrl,
    log,
    silenceMs: options.wsSilenceMs,
    async receive(payload) {
      // The connection itself is authenticated (app id + secret); payloads arrive in plaintext, unsigned.
      const envelope = readEnvelope(payload)
      if (envelope?.type !== 'v2' || (envelope.appId && envelope.appId !== config.appId)) {
        log.warn('feishu ws payload ignored', { reason: envelope ? 'foreign_or_unsupported' : 'unknown_envelope' })
        return undefined
      }
      const answer = await receiveEnvelope({ ...context, deps }, envelope)
      return Object.keys(answer.body).length && answer.status === 200 ? answer.body : undefined
    },
  })
  return { ...platform, start: () => ws.start(), stop: () => ws.stop() }
}
