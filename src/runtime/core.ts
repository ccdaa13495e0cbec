// Assembles CoreDeps from what a runtime entry provides. Shared by Node, Workers, the CLI and the tests.
import { createHandlerRegistry } from '../bot/handlers.ts'
import type { AppConfig } from '../config/env.ts'
import type { Db } from '../db/client.ts'
import type { Clock, CoreDeps } from '../deps.ts'
import type { KnowledgeService } from '../features/knowledge/service.ts'
import type { Logger } from '../log.ts'
import { createOutboxDispatcher } from '../outbox/dispatcher.ts'
import type { PlatformPort } from '../outbox/port.ts'

export interface CoreParts {
  config: AppConfig
  db: Db
  log: Logger
  clock: Clock
  defer?: CoreDeps['defer']
  ports?: CoreDeps['ports']
  knowledge: KnowledgeService
}

/** In-process background work: failures are logged, and `idle()` lets tests and shutdown wait for it. */
export function backgroundRunner(log: Logger) {
  const pending = new Set<Promise<unknown>>()
  const defer = (task: () => Promise<unknown>) => {
    const run = Promise.resolve()
      .then(task)
      .catch((error) => log.error('background task failed', { error }))
      .finally(() => pending.delete(run))
    pending.add(run)
  }
  const idle = async () => {
    while (pending.size) await Promise.allSettled([...pending])
  }
  return { defer, idle }
}

export function buildCore(parts: CoreParts): CoreDeps {
  const deps = {
    config: parts.config,
    db: parts.db,
    log: parts.log,
    clock: parts.clock,
    ports: parts.ports ?? {},
    knowledge: parts.knowledge,
    handlers: createHandlerRegistry(),
    defer: parts.defer ?? backgroundRunner(parts.log).defer,
  } as CoreDeps
  deps.outbox = createOutboxDispatcher(deps)
  return deps
}

export function addPort(deps: CoreDeps, port: PlatformPort) {
  deps.ports[port.platform] = port
}
