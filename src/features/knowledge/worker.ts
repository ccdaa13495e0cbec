// Workers start-up: the knowledge service from the JSON bundle (scripts/bundle-knowledge.ts), since there is no
// filesystem. The worker entry imports src/generated/knowledge.json and passes it here.
import { parseKnowledgeBundle } from './load-bundle.ts'
import { createKnowledgeService, type KnowledgeService } from './service.ts'

export const knowledgeServiceFromBundle = (json: unknown): KnowledgeService =>
  createKnowledgeService(parseKnowledgeBundle(json))
