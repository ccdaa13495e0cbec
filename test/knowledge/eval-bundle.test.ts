// The running bot's edit gate asks the questions `npm run eval` asks: the bundle (src/generated/eval-sets.json, made
// by `npm run generate`) holds exactly what the files hold, and the frozen holdout keeps its 207 questions.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { bundledEvalSets } from '../../src/features/knowledge/evaluation/bundle.ts'
import { parseEvalLines, SET_FILES, SET_NAMES } from '../../src/features/knowledge/evaluation/sets.ts'
import { ROOT } from '../eval/evaluate.ts'

it('bundles the evaluation sets as the files hold them (run npm run generate after changing one)', async () => {
  const bundled = bundledEvalSets()
  for (const name of SET_NAMES) {
    const file = parseEvalLines(await readFile(join(ROOT, SET_FILES[name]), 'utf8'), name)
    expect(bundled[name], `${SET_FILES[name]} differs from src/generated/eval-sets.json`).toEqual(file)
  }
  expect(bundled.frozen).toHaveLength(207)
})
