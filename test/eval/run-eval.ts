// `npm run eval`: evaluates the knowledge feature on test/eval/qa.jsonl and writes bench/results/eval.json.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { evaluate, ROOT } from './evaluate.ts'

const TARGETS = { top1: 0.9, declineRate: 0.95 }

const report = await evaluate()
const pct = (x: number) => `${(x * 100).toFixed(1)}%`
console.log(
  `questions           ${report.total} (${report.outOfScope} out of scope, ${report.withEntry} with an entry)`,
)
console.log(`entries covered     ${report.entriesCovered}/${report.entriesTotal}`)
console.log(`intent accuracy     ${pct(report.intentAccuracy)}`)
console.log(`top-1 entry         ${pct(report.top1)}   (target ≥ ${pct(TARGETS.top1)})`)
console.log(`top-3 entry         ${pct(report.top3)}`)
console.log(`out-of-scope declined ${pct(report.declineRate)} (target ≥ ${pct(TARGETS.declineRate)})`)
console.log(
  `in-scope declined   ${report.falseDeclines}; answered from the wrong entry ${report.wrongAnswers}/${report.answers}`,
)
console.log(`invented figures    ${report.inventedFigures.length}`)
for (const f of report.failures.intent) console.log(`  intent  ${f.question}  expected ${f.expected}, got ${f.got}`)
for (const f of report.failures.entry) console.log(`  entry   ${f.question}  expected ${f.expected}, got ${f.got}`)
for (const f of report.inventedFigures) console.log(`  figures ${f.question}: ${f.figures.join(', ')}`)

await mkdir(join(ROOT, 'bench/results'), { recursive: true })
const out = join(ROOT, 'bench/results/eval.json')
await writeFile(out, `${JSON.stringify({ at: new Date().toISOString(), targets: TARGETS, ...report }, null, 2)}\n`)
console.log(`→ ${out}`)
const ok = report.top1 >= TARGETS.top1 && report.declineRate >= TARGETS.declineRate && !report.inventedFigures.length
process.exitCode = ok ? 0 : 1
