// Shared by the knowledge tests: the real knowledge base, loaded once per file.
import { join } from 'node:path'
import type { KnowledgeBase } from '../../src/features/knowledge/entry.ts'
import { loadKnowledgeDir } from '../../src/features/knowledge/load-dir.ts'
import { createKnowledgeService, type KnowledgeService } from '../../src/features/knowledge/service.ts'
import { ROOT } from '../eval/evaluate.ts'

export const KNOWLEDGE_DIR = join(ROOT, 'knowledge')

let cached: Promise<KnowledgeBase> | undefined
export const realKnowledge = () => {
  cached ??= loadKnowledgeDir(KNOWLEDGE_DIR)
  return cached
}
export const realService = async (): Promise<KnowledgeService> => createKnowledgeService(await realKnowledge())

export const entryFile = (front: string, body = '直接回答。\n\n## 原文\n原文句子。') => `---\n${front}\n---\n${body}\n`
export const VALID_FRONT = 'id: sample-entry\ntitle: 示例\nsection: 三、(四)\nkeywords: [示例]\ncategory: standards'
