// Workers have no filesystem: scripts/bundle-knowledge.ts turns knowledge/ into src/generated/knowledge.json at
// build time and the worker imports it. This validates that JSON exactly as the directory loader validates files.
import { type KnowledgeBase, knowledgeBaseSchema } from './entry.ts'
import { checkEntries, EntryFormatError, zodProblems } from './front-matter.ts'

export const BUNDLE_VERSION = 1

export function parseKnowledgeBundle(json: unknown): KnowledgeBase {
  const parsed = knowledgeBaseSchema.safeParse(json)
  if (!parsed.success) throw new EntryFormatError('knowledge.json', zodProblems(parsed.error))
  const problems = checkEntries(parsed.data.entries)
  if (problems.length) throw new EntryFormatError('knowledge.json', problems)
  return parsed.data
}

export const toBundle = (kb: KnowledgeBase) => ({ version: BUNDLE_VERSION, ...kb })
