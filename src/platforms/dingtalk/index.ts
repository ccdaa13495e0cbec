// The DingTalk platform: outgoing port, HTTP routes (/webhooks/dingtalk/robot, /cards) and, in Stream mode, the
// long connection. Built only when config.dingtalk is set (DINGTALK_CLIENT_ID, _SECRET, _ROBOT_CODE).
import type { Capabilities } from '../../bot/capabilities.ts'
import { botCore } from '../../bot/core.ts'
import type { CoreDeps } from '../../deps.ts'
import { AppError } from '../../errors.ts'
import type { AdapterOptions, PlatformModule } from '../platform.ts'
import { createDingtalkApi } from './api.ts'
import { createDingtalkPort } from './port.ts'
import { dingtalkRoutes } from './routes.ts'
import type { DingtalkStream, DingtalkStreamOptions } from './stream.ts'

/**
 * With an interactive-card template, cards call back and update in place; without one they go out as robot
 * messages, which cannot, so their buttons are numbered and a typed number presses one. No forms, no charts; a
 * chart can follow a card as an image message (media upload, then sampleImageMsg).
 */
export const dingtalkCapabilities = (cardTemplate: boolean): Capabilities => ({
  label: '钉钉',
  forms: false,
  inPlaceCardUpdate: cardTemplate,
  delayedUpdateTokens: false,
  numberedReplies: !cardTemplate,
  p2p: true,
  charts: false,
  images: true,
})

export interface DingtalkPlatformOptions extends AdapterOptions {
  fetch?: typeof fetch
  /** Card HTTP callbacks: the route key registered with /v1.0/card/callbacks/register (default: the client id). */
  callbackRouteKey?: string
  allowUnsignedCardCallbacks?: boolean
  stream?: Pick<DingtalkStreamOptions, 'idleMs' | 'pingEveryMs' | 'reconnectMinMs' | 'reconnectMaxMs'>
}

export function createDingtalkPlatform(deps: CoreDeps, options: DingtalkPlatformOptions = {}): PlatformModule {
  const config = deps.config.dingtalk
  if (!config) throw new AppError('config_invalid', 'DingTalk is not configured')
  const core = options.core ?? botCore
  const capabilities = dingtalkCapabilities(Boolean(config.cardTemplateId))
  const api = createDingtalkApi({
    baseUrl: config.apiBaseUrl,
    oapiBaseUrl: config.oapiBaseUrl,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    fetch: options.fetch,
    now: () => deps.clock.now().getTime(),
  })
  const port = createDingtalkPort({
    api,
    robotCode: config.robotCode,
    cardTemplateId: config.cardTemplateId,
    callbackType: config.mode === 'stream' ? 'STREAM' : 'HTTP',
    callbackRouteKey: options.callbackRouteKey ?? config.clientId,
    apiBaseUrl: config.apiBaseUrl,
    now: () => deps.clock.now().getTime(),
    log: deps.log.child({ platform: 'dingtalk' }),
  })
  // The HTTP routes stay mounted in Stream mode too: harmless, and they let one switch modes without a redeploy.
  const routes = dingtalkRoutes(deps, {
    appSecret: config.clientSecret,
    core,
    allowUnsignedCardCallbacks: options.allowUnsignedCardCallbacks,
  })
  if (config.mode !== 'stream') return { platform: 'dingtalk', port, capabilities, routes }

  let stream: DingtalkStream | undefined
  return {
    platform: 'dingtalk',
    port,
    capabilities,
    routes,
    async start() {
      // Imported here so the Workers bundle never loads the Node-only SDK (ws, axios).
      const { createDingtalkStream } = await import('./stream.ts')
      stream ??= createDingtalkStream(deps, {
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        apiBaseUrl: config.apiBaseUrl,
        core,
        fetch: options.fetch,
        ...options.stream,
      })
      await stream.start()
    },
    async stop() {
      await stream?.stop()
    },
  }
}
