// The real knowledge base (knowledge/*.md), loaded once per test process and shared read-only.
import { loadKnowledgeDir } from '../../src/features/knowledge/load-dir.ts'
import { createKnowledgeService, type KnowledgeService } from '../../src/features/knowledge/service.ts'

let shared: Promise<KnowledgeService> | undefined
export const testKnowledge = () => {
  shared ??= loadKnowledgeDir('knowledge').then(createKnowledgeService)
  return shared
}
