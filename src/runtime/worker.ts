// Cloudflare Workers entry: the same app and core as Node, on D1 through @prisma/adapter-d1 and the workerd
// flavour of the generated client. `scheduled` runs the jobs (src/jobs/registry.ts) that match the cron trigger.
import { AsyncLocalStorage } from 'node:async_hooks'
import type { D1Database, ExecutionContext, ExportedHandler, ScheduledController } from '@cloudflare/workers-types'
import { createApp } from '../app.ts'
import { parseEnv } from '../config/env.ts'
import { openD1Db } from '../db/worker-db.ts'
import { type CoreDeps, systemClock } from '../deps.ts'
import { FEATURES } from '../features/index.ts'
import { parseKnowledgeBundle } from '../features/knowledge/load-bundle.ts'
import { createKnowledgeService } from '../features/knowledge/service.ts'
import knowledgeBundle from '../generated/knowledge.json' with { type: 'json' }
import { jobsOf } from '../jobs/registry.ts'
import { runCronTrigger } from '../jobs/worker-cron.ts'
import { createLogger } from '../log.ts'
import { buildCore } from './core.ts'
import { createPlatforms } from './platforms.ts'

export interface WorkerEnv {
  DB: D1Database
  [name: string]: unknown
}

const JOBS = jobsOf(FEATURES)

// The request's ExecutionContext, so work deferred anywhere in the core lands in its waitUntil.
const requestContext = new AsyncLocalStorage<ExecutionContext>()

function buildWorker(env: WorkerEnv) {
  const vars = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string')) as Record<
    string,
    string
  >
  const config = parseEnv({ ...vars, DATABASE_URL: 'file:d1', SIMULATOR: vars.SIMULATOR ?? 'off' })
  const log = createLogger({ level: config.env.LOG_LEVEL })
  const db = openD1Db(env.DB)
  const defer: CoreDeps['defer'] = (task) => {
    const run = task().catch((error) => log.error('background task failed', { error }))
    requestContext.getStore()?.waitUntil(run)
  }
  const deps = buildCore({
    config,
    db,
    log,
    clock: systemClock,
    defer,
    knowledge: createKnowledgeService(parseKnowledgeBundle(knowledgeBundle)),
    features: FEATURES,
  })
  // The simulator (the console platform) is off unless a deployment asks for it (SIMULATOR=on, e.g. staging).
  const platforms = createPlatforms(deps)
  return { deps, app: createApp(deps, { platforms, features: FEATURES }) }
}

// One core per D1 binding object: env only arrives with a request, and isolates are reused across requests.
const workers = new WeakMap<D1Database, ReturnType<typeof buildWorker>>()
function workerFor(env: WorkerEnv) {
  let worker = workers.get(env.DB)
  if (!worker) {
    worker = buildWorker(env)
    workers.set(env.DB, worker)
  }
  return worker
}

export default {
  fetch(request, env, ctx) {
    return requestContext.run(ctx, () => workerFor(env).app.fetch(request as unknown as Request, env, ctx)) as never
  },
  async scheduled(controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext) {
    const { deps } = workerFor(env)
    const firedAt = new Date(controller.scheduledTime)
    ctx.waitUntil(requestContext.run(ctx, () => runCronTrigger(deps, JOBS, controller.cron, firedAt)))
  },
} satisfies ExportedHandler<WorkerEnv>
