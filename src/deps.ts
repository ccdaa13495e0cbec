// Everything the core and the features need, built once by a runtime entry (src/runtime/*) and passed down.
// Factories, not module singletons: tests build their own with a temp database, a fake clock and fake platforms.

import type { Capabilities } from './bot/capabilities.ts'
import type { HandlerRegistry } from './bot/dispatcher.ts'
import type { ImageService } from './bot/images.ts'
import type { InboundStore } from './bot/inbound-store.ts'
import type { IncarnationHandle } from './bot/incarnation.ts'
import type { Platform } from './bot/types.ts'
import type { AppConfig } from './config/env.ts'
import type { Db } from './db/client.ts'
import type { Logger } from './log.ts'
import type { OutboxDispatcher } from './outbox/dispatcher.ts'
import type { PlatformPort } from './outbox/port.ts'

export interface Clock {
  now(): Date
}
export const systemClock: Clock = { now: () => new Date() }

/**
 * Services of features (the knowledge base …), built by the runtime like everything else here. Empty on purpose:
 * each feature adds its own field by declaration merging (`declare module '…/deps.ts'`, see
 * src/features/knowledge/service.ts), so the core can carry a feature's service without importing the feature.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the features through declaration merging
export interface FeatureServices {}

export interface CoreDeps extends FeatureServices {
  config: AppConfig
  db: Db
  log: Logger
  clock: Clock
  /** The outgoing side of each platform that is on. */
  ports: Partial<Record<Platform, PlatformPort>>
  /**
   * What a platform can do (its module declares it, src/bot/capabilities.ts): features ask this, never the
   * platform's name. An undeclared platform gets the minimal set.
   */
  capabilities(platform: Platform): Capabilities
  /** Where inbound events are stored before they are acknowledged (batched; see src/bot/inbound-store.ts). */
  inbox: InboundStore
  /** Who this process or thread is when it claims work (src/bot/incarnation.ts): claims die with it. */
  incarnation: IncarnationHandle
  /** Delivers the outbox; `kick()` after enqueueing so messages leave at once. */
  outbox: OutboxDispatcher
  /** Every handler, recognizer and flow of the features the core was built with (src/bot/handlers.ts). */
  handlers: HandlerRegistry
  /**
   * Draws the features' images to PNG (src/bot/images.ts) with the renderer the runtime injected: Node has one,
   * Workers have none (a native module cannot load there), so `canRender` says false and features send text.
   */
  images: ImageService
  /**
   * Runs work after the response (Node: in the background, errors logged; Workers: `executionCtx.waitUntil`).
   * Set per request by the app when the runtime offers something better.
   */
  defer(task: () => Promise<unknown>): void
  /**
   * Processes a stored inbound event after the response. By default through `defer`; on Node with
   * PROCESSING=thread the id goes to the background thread (src/runtime/background-host.ts).
   */
  processLater(eventId: number): void
}
