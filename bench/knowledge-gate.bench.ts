// The gate on knowledge edits (`npm run bench -- knowledge-gate`): how long one evaluation of the three question sets
// (514 questions) takes on the knowledge path (src/features/knowledge/evaluation/gate.ts), what saving costs (the
// edited service built, the sets asked of it; the evaluation before is cached per version of the knowledge), against
// a baseline measured in the same run: the same sets through the whole bot over a demo database (`npm run eval`'s
// path, test/eval/replies.ts), which a running bot could not afford. Writes bench/results/knowledge-gate.json.
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { editableOf } from '../src/features/knowledge/edits.ts'
import { bundledEvalSets } from '../src/features/knowledge/evaluation/bundle.ts'
import { evaluateKnowledge, regressions } from '../src/features/knowledge/evaluation/gate.ts'
import { loadKnowledgeDir } from '../src/features/knowledge/load-dir.ts'
import { createKnowledgeService } from '../src/features/knowledge/service.ts'
import { evaluateReplies } from '../test/eval/replies.ts'

const RUNS = 5
const ms = (from: number) => Math.round(performance.now() - from)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

export async function runKnowledgeGateBench() {
  const service = createKnowledgeService(await loadKnowledgeDir('knowledge'))
  const sets = bundledEvalSets()
  let started = performance.now()
  const before = evaluateKnowledge(service, sets)
  const cold = ms(started)
  const warm: number[] = []
  for (let i = 0; i < RUNS; i++) {
    started = performance.now()
    evaluateKnowledge(service, sets)
    warm.push(ms(started))
  }
  // What 保存 does after validation: the edited service built and asked (before comes from the cache).
  const entry = editableOf(service.get('fee-waiver')!)
  const saves: number[] = []
  for (let i = 0; i < RUNS; i++) {
    started = performance.now()
    const edited = service.withEdits(new Map([['fee-waiver', { ...entry, answer: `${entry.answer}（第${i}次）` }]]))
    regressions(before, evaluateKnowledge(edited, sets))
    saves.push(ms(started))
  }
  started = performance.now()
  await evaluateReplies(['tuning', 'holdout', 'frozen'], service)
  const wholeBot = ms(started)
  const questions = Object.values(sets).flat().length
  const result = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    questions,
    evaluationMs: { cold, warmMedian: median(warm), warm },
    saveMs: { median: median(saves), runs: saves },
    baselineWholeBotMs: wholeBot,
    target: '< 2000 ms per save',
  }
  console.log(
    `evaluation of ${questions} questions: cold ${cold} ms, warm median ${median(warm)} ms; save (build + evaluate) median ${median(saves)} ms; baseline through the whole bot ${wholeBot} ms`,
  )
  const dir = join(import.meta.dirname, 'results')
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'knowledge-gate.json'), `${JSON.stringify(result, null, 2)}\n`)
  return result
}
