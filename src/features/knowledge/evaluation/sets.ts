// The question sets of the evaluation, in one shape: the tuning set (test/eval/qa.jsonl, which entries and
// dictionary are tuned on), the first holdout (qa-holdout.jsonl) and the frozen holdouts (qa-frozen.jsonl and
// qa-frozen-2.jsonl: written from the plan's text alone by someone who had not seen the entries, before a round of
// tuning, and never tuned on). The files are the one copy: `npm run
// generate` bundles them into src/generated/eval-sets.json (bundle.ts) for the running bot's edit gate, and
// `npm run eval` and the tests read the files through the same parser. Older lines name an `entry`; their clauses
// come from it.
import { z } from 'zod'
import type { KnowledgeEntry } from '../entry.ts'
import { KNOWLEDGE_INTENTS } from '../intent.ts'
import { clauseIdsOf } from '../plan.ts'

/** Where each set lives, relative to the repository root. */
export const SET_FILES = {
  tuning: 'test/eval/qa.jsonl',
  holdout: 'test/eval/qa-holdout.jsonl',
  frozen: 'test/eval/qa-frozen.jsonl',
  /** A second holdout written the same way in the third stop, before that stop's tuning; never tuned on. */
  frozen2: 'test/eval/qa-frozen-2.jsonl',
} as const
export type SetName = keyof typeof SET_FILES
export const SET_NAMES = Object.keys(SET_FILES) as SetName[]

/** What the bot may recognise, and adversarial messages (scored on the reply alone). */
export const EVAL_INTENTS = [...KNOWLEDGE_INTENTS, 'adversarial'] as const

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
export type EvalSetLines = Record<SetName, EvalItemLine[]>

const DEFAULT_CATEGORY: Record<EvalItemLine['intent'], string> = {
  policy_answer: 'direct',
  eligibility: 'indirect_eligibility',
  ticket: 'service_request',
  help: 'help_smalltalk',
  smalltalk: 'help_smalltalk',
  out_of_scope: 'out_of_scope',
  adversarial: 'adversarial',
}

/** One JSON object per line, each checked; `name` is for the message. */
export function parseEvalLines(text: string, name: string): EvalItemLine[] {
  const lines = text.split('\n').filter((l) => l.trim())
  return lines.map((line, i) => {
    const parsed = evalItemSchema.safeParse(JSON.parse(line))
    if (!parsed.success) throw new Error(`${name} line ${i + 1}: ${parsed.error.message}`)
    return parsed.data
  })
}

/** Fills in each line's category and clauses (from its entry, when it names one). */
export function resolveEvalItems(lines: EvalItemLine[], entries: readonly KnowledgeEntry[], name: string): EvalItem[] {
  const sectionOf = new Map(entries.map((e) => [e.id, e.section]))
  return lines.map((item, i) => {
    const fromEntry = item.entry && item.entry !== 'none' ? sectionOf.get(item.entry) : undefined
    if (item.entry && item.entry !== 'none' && !fromEntry)
      throw new Error(`${name} line ${i + 1}: no entry ${item.entry}`)
    return {
      ...item,
      category: item.category ?? DEFAULT_CATEGORY[item.intent],
      sections: item.sections ?? (fromEntry ? clauseIdsOf(fromEntry) : []),
    }
  })
}

export const evalBundleSchema = z.object({
  version: z.literal(1),
  sets: z.object({
    tuning: z.array(evalItemSchema),
    holdout: z.array(evalItemSchema),
    frozen: z.array(evalItemSchema),
    frozen2: z.array(evalItemSchema),
  }),
})
