// Node only: reads rules/quality-loan.yaml and rules/programmes.yaml. Used by scripts/bundle-rules.ts (which
// writes the bundle the bot imports) and by the tests that check the files and the bundle agree.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import {
  loanRulesSchema,
  parseRulesFile,
  programmesFileSchema,
  type RulesBundle,
  RulesFormatError,
} from './rules.schema.ts'

export const LOAN_RULES_FILE = 'quality-loan.yaml'
export const PROGRAMMES_FILE = 'programmes.yaml'

async function readYaml(dir: string, file: string): Promise<unknown> {
  const source = await readFile(join(dir, file), 'utf8')
  try {
    return parseYaml(source)
  } catch (error) {
    throw new RulesFormatError(file, [`not valid YAML: ${(error as Error).message}`])
  }
}

export async function loadRulesDir(dir: string): Promise<RulesBundle> {
  const loan = parseRulesFile(loanRulesSchema, await readYaml(dir, LOAN_RULES_FILE), LOAN_RULES_FILE)
  const { programmes } = parseRulesFile(programmesFileSchema, await readYaml(dir, PROGRAMMES_FILE), PROGRAMMES_FILE)
  const ids = programmes.map((p) => p.id)
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i)
  if (duplicate) throw new RulesFormatError(PROGRAMMES_FILE, [`duplicate programme id ${duplicate}`])
  return { version: 1, loan, programmes }
}
