// What each platform folder exports: its outgoing port, its webhook routes and, for long-connection modes,
// a client to start and stop (Node only).
import type { Hono } from 'hono'
import type { Platform } from '../bot/types.ts'
import type { PlatformPort } from '../outbox/port.ts'

export interface PlatformModule {
  platform: Platform
  port: PlatformPort
  /** Mounted at /webhooks/<platform>. */
  // biome-ignore lint/suspicious/noExplicitAny: sub-apps may declare their own Hono env
  routes?: Hono<any>
  start?(): Promise<void>
  stop?(): Promise<void>
}
