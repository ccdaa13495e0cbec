// The real knowledge base (knowledge/*.md), loaded once per test process and shared read-only.
import { loadKnowledgeService } from '../../src/features/knowledge/node.ts'
import type { KnowledgeService } from '../../src/features/knowledge/service.ts'

let shared: Promise<KnowledgeService> | undefined
export const testKnowledge = () => {
  shared ??= loadKnowledgeService('knowledge').then((loaded) => loaded.service)
  return shared
}
