// A fourth platform defined entirely inside test/ (WeCom-like, invented): proof that a platform is one module of
// the common shape, built from CoreDeps and the core's one interface, with no change to the core or the features.
import type { Capabilities } from '../../../src/bot/capabilities.ts'
import { botCore } from '../../../src/bot/core.ts'
import type { CoreDeps } from '../../../src/deps.ts'
import type { AdapterOptions, PlatformModule } from '../../../src/platforms/platform.ts'
import { createToyApi } from './api.ts'
import { TOY } from './decode.ts'
import { createToyPort } from './port.ts'
import { toyRoutes } from './routes.ts'

/** Messages only: no forms, nothing edited in place; buttons are pressed by replying their number. */
export const TOY_CAPABILITIES: Capabilities = {
  label: '企业微信（测试）',
  forms: false,
  inPlaceCardUpdate: false,
  delayedUpdateTokens: false,
  numberedReplies: true,
  p2p: true,
  charts: false,
  images: false,
}

export interface ToyPlatformOptions extends AdapterOptions {
  apiUrl: string
  token: string
}

export function createToyPlatform(deps: CoreDeps, options: ToyPlatformOptions): PlatformModule {
  const core = options.core ?? botCore
  return {
    platform: TOY,
    port: createToyPort(createToyApi(options.apiUrl, options.token)),
    capabilities: TOY_CAPABILITIES,
    routes: toyRoutes(deps, core, options.token),
  }
}
