// `npm run eval`: evaluates the knowledge feature on test/eval/qa.jsonl (the set the dictionary was tuned on) and
// on test/eval/qa-holdout.jsonl (written before tuning, kept out of it), and writes bench/results/eval.json.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type EvalReport, evaluate, loadQa, ROOT } from './evaluate.ts'

export const TARGETS = { top1: 0.9, declineRate: 0.95 }

const pct = (x: number) => `${(x * 100).toFixed(1)}%`

function print(name: string, report: EvalReport) {
  console.log(
    `\n${name}: ${report.total} questions (${report.outOfScope} out of scope, ${report.withEntry} with an entry)`,
  )
  console.log(`  entries covered       ${report.entriesCovered}/${report.entriesTotal}`)
  console.log(`  intent accuracy       ${pct(report.intentAccuracy)}`)
  console.log(`  top-1 entry           ${pct(report.top1)}   (target ≥ ${pct(TARGETS.top1)})`)
  console.log(`  top-3 entry           ${pct(report.top3)}`)
  console.log(`  out-of-scope declined ${pct(report.declineRate)} (target ≥ ${pct(TARGETS.declineRate)})`)
  console.log(`  in-scope declined     ${report.falseDeclines}`)
  console.log(`  wrong-entry answers   ${report.wrongAnswers}/${report.answers}`)
  console.log(`  invented figures      ${report.inventedFigures.length}`)
  for (const f of report.failures.intent) console.log(`    intent  ${f.question}  expected ${f.expected}, got ${f.got}`)
  for (const f of report.failures.entry) console.log(`    entry   ${f.question}  expected ${f.expected}, got ${f.got}`)
  for (const f of report.inventedFigures) console.log(`    figures ${f.question}: ${f.figures.join(', ')}`)
}

const main = await evaluate()
const holdout = await evaluate(undefined, await loadQa(join(ROOT, 'test/eval/qa-holdout.jsonl')))
print('tuning set (qa.jsonl)', main)
print('held-out set (qa-holdout.jsonl)', holdout)

await mkdir(join(ROOT, 'bench/results'), { recursive: true })
const out = join(ROOT, 'bench/results/eval.json')
const at = new Date().toISOString()
await writeFile(out, `${JSON.stringify({ at, targets: TARGETS, tuning: main, holdout }, null, 2)}\n`)
console.log(`\n→ ${out}`)
const ok = main.top1 >= TARGETS.top1 && main.declineRate >= TARGETS.declineRate && !main.inventedFigures.length
process.exitCode = ok ? 0 : 1
