// Node start-up: the knowledge service from knowledge/ on disk, optionally reloaded when staff edit it.
import type { Logger } from '../../log.ts'
import { loadKnowledgeDir, watchKnowledgeDir } from './load-dir.ts'
import { createKnowledgeService, type KnowledgeService } from './service.ts'

export interface LoadedKnowledge {
  service: KnowledgeService
  /** Stops watching the directory (a no-op without `watch`). */
  stop(): void
}

export async function loadKnowledgeService(dir: string, options: { watch?: boolean; log?: Logger } = {}) {
  const service = createKnowledgeService(await loadKnowledgeDir(dir))
  const stop = options.watch && options.log ? watchKnowledgeDir(dir, (kb) => service.reload(kb), options.log) : () => {}
  return { service, stop } satisfies LoadedKnowledge
}
