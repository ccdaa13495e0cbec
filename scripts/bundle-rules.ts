// Bundles rules/*.yaml (质量贷/标准贷 增信 criteria, award and certification programmes) into
// src/generated/rules.json for both runtimes. Run by `npm run generate`; fails loudly on an invalid file.
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadRulesDir } from '../src/features/eligibility/rules.load-dir.ts'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

export async function bundleRules(dir = join(ROOT, 'rules'), out = join(ROOT, 'src/generated/rules.json')) {
  const rules = await loadRulesDir(dir)
  await mkdir(dirname(out), { recursive: true })
  await writeFile(out, `${JSON.stringify(rules)}\n`)
  return { criteria: rules.loan.criteria.length, programmes: rules.programmes.length, out }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { criteria, programmes, out } = await bundleRules()
  console.log(`rules: ${criteria} criteria, ${programmes} programmes → ${out}`)
}
