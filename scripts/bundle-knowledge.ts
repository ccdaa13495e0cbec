// Bundles knowledge/*.md + _dictionary.yaml into src/generated/knowledge.json for the Workers runtime (no
// filesystem there). Run by `npm run generate`; fails loudly on an invalid entry so a broken edit never ships.
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { toBundle } from '../src/features/knowledge/load-bundle.ts'
import { loadKnowledgeDir } from '../src/features/knowledge/load-dir.ts'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

export async function bundleKnowledge(dir = join(ROOT, 'knowledge'), out = join(ROOT, 'src/generated/knowledge.json')) {
  const kb = await loadKnowledgeDir(dir)
  await mkdir(dirname(out), { recursive: true })
  await writeFile(out, `${JSON.stringify(toBundle(kb))}\n`)
  return { entries: kb.entries.length, out }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { entries, out } = await bundleKnowledge()
  console.log(`knowledge: ${entries} entries → ${out}`)
}
