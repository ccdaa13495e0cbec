// Bundles knowledge/*.md + _dictionary.yaml into src/generated/knowledge.json for the Workers runtime (no
// filesystem there), and the evaluation's question sets (test/eval/*.jsonl) into src/generated/eval-sets.json for
// the gate on console edits (both runtimes). Run by `npm run generate`; fails loudly on an invalid entry or line so
// a broken edit never ships.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseEvalLines, SET_FILES, SET_NAMES } from '../src/features/knowledge/evaluation/sets.ts'
import { toBundle } from '../src/features/knowledge/load-bundle.ts'
import { loadKnowledgeDir } from '../src/features/knowledge/load-dir.ts'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

export async function bundleKnowledge(dir = join(ROOT, 'knowledge'), out = join(ROOT, 'src/generated/knowledge.json')) {
  const kb = await loadKnowledgeDir(dir)
  await mkdir(dirname(out), { recursive: true })
  await writeFile(out, `${JSON.stringify(toBundle(kb))}\n`)
  return { entries: kb.entries.length, out }
}

export async function bundleEvalSets(out = join(ROOT, 'src/generated/eval-sets.json')) {
  const sets = Object.fromEntries(
    await Promise.all(
      SET_NAMES.map(async (name) => [name, parseEvalLines(await readFile(join(ROOT, SET_FILES[name]), 'utf8'), name)]),
    ),
  )
  await mkdir(dirname(out), { recursive: true })
  await writeFile(out, `${JSON.stringify({ version: 1, sets })}\n`)
  return { questions: Object.values(sets).flat().length, out }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { entries, out } = await bundleKnowledge()
  console.log(`knowledge: ${entries} entries → ${out}`)
  const evalSets = await bundleEvalSets()
  console.log(`evaluation sets: ${evalSets.questions} questions → ${evalSets.out}`)
}
