// What each platform folder exports (index.ts), one shape for all: its outgoing port, what it can do, its HTTP
// routes and, for long-connection modes, a client to start and stop (Node only). Every adapter is built with the
// core's one interface (BotCore, src/bot/core.ts) and reaches the core through it alone.
import type { Hono } from 'hono'
import type { Capabilities } from '../bot/capabilities.ts'
import type { BotCore } from '../bot/core.ts'
import type { Platform } from '../bot/types.ts'
import type { PlatformPort } from '../outbox/port.ts'

export interface PlatformModule {
  platform: Platform
  port: PlatformPort
  /** Asked by the core and the features instead of the platform's name. */
  capabilities: Capabilities
  /** Mounted by the app at `mountPath`. */
  // biome-ignore lint/suspicious/noExplicitAny: sub-apps may declare their own Hono env
  routes?: Hono<any>
  /** Where the routes are mounted; `/webhooks/<platform>` unless the platform says otherwise (the console). */
  mountPath?: string
  start?(): Promise<void>
  stop?(): Promise<void>
}

/** What every platform builder may be given besides CoreDeps: the core to talk to (tests stand one in). */
export interface AdapterOptions {
  /** Defaults to the real core (src/bot/core.ts). */
  core?: BotCore
}

export const mountPathOf = (platform: PlatformModule) => platform.mountPath ?? `/webhooks/${platform.platform}`
