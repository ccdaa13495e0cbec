// What one feature adds to the bot, as one value: src/features/<name>/index.ts exports it and src/features/index.ts
// lists the features in order. The core builds its registries from that list (handlers.ts, src/cards/registry.ts,
// src/jobs/registry.ts, src/cli/seeders.ts) and never imports a feature: this file is the whole contract.
import type { Hono } from 'hono'
import type { AdminResource } from '../admin/kit.ts'
import type { CardTemplate } from '../cards/registry.ts'
import type { ConsolePages } from '../console/slot.ts'
import type { Db } from '../db/client.ts'
import type { CoreDeps } from '../deps.ts'
import type { ReportSheet } from '../export/report-sheet.ts'
import type { ImportKind } from '../import/kind.ts'
import type { Job } from '../jobs/job.ts'
import type { DigestContribution } from './digest.ts'
import type { CardActionHandler, FlowHandler, HandlerResult, IntentRecognizer, MessageHandler } from './handler.ts'
import type { ImageSource } from './images.ts'
import type { BotAddedEvent } from './types.ts'

export interface Feature {
  /** The folder name under src/features/. */
  name: string
  /**
   * Asked in the order of the feature list, each feature's in its own order; the first answer wins. Specific
   * patterns (commands, binding codes, ticket words) go here.
   */
  recognizers?: readonly IntentRecognizer[]
  /**
   * Asked after every feature's `recognizers` (again in list order): a classifier that answers every text (the
   * knowledge classifier), and the guards that must see a text just before it.
   */
  finalRecognizers?: readonly IntentRecognizer[]
  /** One per intent; two features answering the same intent is an error. */
  messages?: readonly MessageHandler[]
  /** Multi-turn flows, by their `flow` name. */
  flows?: readonly FlowHandler[]
  /** Card button handlers, by their `action` name. */
  actions?: readonly CardActionHandler[]
  /** Answers an intent no handler answers (`out_of_scope`) until a feature registers a handler for it. */
  fallback?: MessageHandler
  /** Answers the bot being added to a chat; at most one feature has it. */
  welcome?(deps: CoreDeps, event: BotAddedEvent): Promise<HandlerResult>
  /** The card templates the feature sends, each bound to the zod schema of its data (`defineCard`). */
  cards?: readonly { readonly template: CardTemplate }[]
  /**
   * How the feature draws the images it queues (an image part names its source, src/bot/images.ts): drawn to PNG
   * when the outbox sends them, where the runtime has a renderer.
   */
  images?: readonly ImageSource[]
  /** Scheduled jobs; their crons are mirrored in wrangler.toml (test/jobs/schedule.test.ts). */
  jobs?: readonly Job[]
  /**
   * Lines for a staff member's digest (the daily 待办 card, the weekly summary for department leads): collected once
   * per run, answered per person (src/bot/digest.ts). The digests feature asks every feature that has one, in the
   * order of the feature list, and never imports them.
   */
  digest?: DigestContribution
  /** Demo data for `npm run db:seed -- --demo`, loaded in the order of the feature list. */
  seeders?: readonly Seeder[]
  /** HTTP routes of the feature, mounted under `path` by src/app.ts (outside /admin: no sign-in is checked). */
  routes?: FeatureRoutes
  /**
   * What the feature adds to the admin API (/admin/api/<name>, src/admin/kit.ts): its routes, declared with
   * @hono/zod-openapi so the OpenAPI document and the reference page list them. Behind the admin sign-in.
   */
  admin?: readonly AdminResource[]
  /** Pages of the staff console (/admin/<page>, behind the sign-in) and their place in its top bar. */
  console?: ConsolePages
  /**
   * Spreadsheets staff load (`npm run import -- <kind> <file>`, the console's 导入 page, /admin/api/imports): Chinese
   * headers, a template per kind, a dry run first (src/import/kind.ts).
   */
  imports?: readonly ImportKind[]
  /** Worksheets the feature adds to the monthly report (.xlsx from the console and /admin/api/exports). */
  reportSheets?: readonly ReportSheet[]
}

/** One file of demo data under seed/demo/, loaded idempotently: seeding twice changes nothing. */
export interface Seeder {
  name: string
  /** File under seed/demo/ */
  file: string
  load(db: Db, data: unknown): Promise<string>
}

export interface FeatureRoutes {
  /** Where the routes are mounted, e.g. `/features/<name>`. */
  path: string
  build(deps: CoreDeps): Hono
}
