// The knowledge service per runtime: on Node it is read from knowledge/ and follows staff edits as they are saved;
// on Workers it comes from the bundle `npm run generate` writes (no filesystem there).
import { loadKnowledgeDir, watchKnowledgeDir } from '../features/knowledge/load-dir.ts'
import { createKnowledgeService, type KnowledgeService } from '../features/knowledge/service.ts'
import type { Logger } from '../log.ts'

export async function loadNodeKnowledge(dir: string, log: Logger, options: { watch?: boolean } = {}) {
  const service: KnowledgeService = createKnowledgeService(await loadKnowledgeDir(dir))
  log.info('knowledge loaded', { dir, entries: service.entries.length })
  const stop = options.watch ? watchKnowledgeDir(dir, (kb) => service.reload(kb), log) : () => {}
  return { service, stop }
}
