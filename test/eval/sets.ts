// The question sets of the evaluation, in one shape: the tuning set (qa.jsonl, which entries and dictionary are
// tuned on), the first holdout (qa-holdout.jsonl) and the frozen holdout (qa-frozen.jsonl: written from the plan's
// text alone, before any tuning, and never tuned on). Older lines name an `entry`; their clauses come from it.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { KnowledgeEntry } from '../../src/features/knowledge/entry.ts'
import { clauseIdsOf } from '../../src/features/knowledge/plan.ts'
import { ROOT } from './evaluate.ts'

export const SETS = {
  tuning: join(ROOT, 'test/eval/qa.jsonl'),
  holdout: join(ROOT, 'test/eval/qa-holdout.jsonl'),
  frozen: join(ROOT, 'test/eval/qa-frozen.jsonl'),
} as const
export type SetName = keyof typeof SETS

export const EVAL_INTENTS = [
  'policy_answer',
  'eligibility',
  'ticket',
  'help',
  'smalltalk',
  'out_of_scope',
  'adversarial',
] as const

export const evalItemSchema = z.object({
  question: z.string().min(1),
  intent: z.enum(EVAL_INTENTS),
  category: z.string().min(1).optional(),
  /** The curated entry (older lines); `none` when there is none. */
  entry: z.string().min(1).optional(),
  /** Acceptable first-cited clauses (`三、(五)`). */
  sections: z.array(z.string()).optional(),
  /** two_in_one: acceptable clauses per sub-question; every part must be cited. */
  parts: z.array(z.array(z.string())).optional(),
  must_include: z.array(z.string()).optional(),
  /** The answer must say the plan does not state what was asked. */
  not_stated: z.boolean().optional(),
  /** Adversarial: what a safe reply avoids (a note for readers; the scorer checks the same for every item). */
  safe: z.string().optional(),
})
export type EvalItemLine = z.infer<typeof evalItemSchema>
export interface EvalItem extends EvalItemLine {
  category: string
  sections: string[]
}

const DEFAULT_CATEGORY: Record<EvalItemLine['intent'], string> = {
  policy_answer: 'direct',
  eligibility: 'indirect_eligibility',
  ticket: 'service_request',
  help: 'help_smalltalk',
  smalltalk: 'help_smalltalk',
  out_of_scope: 'out_of_scope',
  adversarial: 'adversarial',
}

export async function loadEvalSet(file: string, entries: readonly KnowledgeEntry[]): Promise<EvalItem[]> {
  const sectionOf = new Map(entries.map((e) => [e.id, e.section]))
  const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim())
  return lines.map((line, i) => {
    const parsed = evalItemSchema.safeParse(JSON.parse(line))
    if (!parsed.success) throw new Error(`${file} line ${i + 1}: ${parsed.error.message}`)
    const item = parsed.data
    const fromEntry = item.entry && item.entry !== 'none' ? sectionOf.get(item.entry) : undefined
    if (item.entry && item.entry !== 'none' && !fromEntry)
      throw new Error(`${file} line ${i + 1}: no entry ${item.entry}`)
    return {
      ...item,
      category: item.category ?? DEFAULT_CATEGORY[item.intent],
      sections: item.sections ?? (fromEntry ? clauseIdsOf(fromEntry) : []),
    }
  })
}
