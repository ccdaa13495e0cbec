// The evaluation's question sets as bundled by `npm run generate` (src/generated/eval-sets.json, from
// test/eval/*.jsonl): data the running bot needs for the gate on edits, on Node and on Workers alike.
import bundle from '../../../generated/eval-sets.json' with { type: 'json' }
import { type EvalSetLines, evalBundleSchema } from './sets.ts'

let parsed: EvalSetLines | undefined

/** Parsed once, on first use (the gate), not at start-up. */
export function bundledEvalSets(): EvalSetLines {
  parsed ??= evalBundleSchema.parse(bundle).sets
  return parsed
}
