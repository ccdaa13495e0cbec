// The rules the bot answers from. Workers have no filesystem, so scripts/bundle-rules.ts turns rules/*.yaml into
// src/generated/rules.json at build time (like knowledge.json); it is validated here exactly as the files are.
import bundle from '../../generated/rules.json' with { type: 'json' }
import { parseRulesFile, type RulesBundle, rulesBundleSchema } from './rules.schema.ts'

export const parseRulesBundle = (json: unknown): RulesBundle => parseRulesFile(rulesBundleSchema, json, 'rules.json')

let cached: RulesBundle | undefined

/** The bundled rules, parsed once (a broken bundle fails loudly on first use and in tests). */
export function bundledRules(): RulesBundle {
  cached ??= parseRulesBundle(bundle)
  return cached
}
