// The evaluation's question sets, read from the files (the one copy) through the parser the bundle uses
// (src/features/knowledge/evaluation/sets.ts).
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { KnowledgeEntry } from '../../src/features/knowledge/entry.ts'
import {
  type EvalItem,
  parseEvalLines,
  resolveEvalItems,
  SET_FILES,
  type SetName,
} from '../../src/features/knowledge/evaluation/sets.ts'
import { ROOT } from './evaluate.ts'

export type { EvalItem, SetName }

export const SETS = Object.fromEntries(Object.entries(SET_FILES).map(([k, f]) => [k, join(ROOT, f)])) as Record<
  SetName,
  string
>

export async function loadEvalSet(file: string, entries: readonly KnowledgeEntry[]): Promise<EvalItem[]> {
  return resolveEvalItems(parseEvalLines(await readFile(file, 'utf8'), file), entries, file)
}
