// `npm run eval`: the knowledge feature on the tuning set (qa.jsonl: entries and dictionary are tuned on it), the
// first holdout (qa-holdout.jsonl) and the two frozen holdouts (qa-frozen.jsonl and qa-frozen-2.jsonl: each written
// from the plan alone before a round of tuning, never tuned on). Every question goes through the bot and the reply a person sees is scored (replies.ts).
// Per-question failures are printed for the tuning set only: looking at the holdouts' failures is how one ends up
// tuning on them. `--show-holdout-failures` prints them too (for writing up what remains, once, at the very end).
// `--out <file>` writes the figures somewhere else than bench/results/eval.json (e.g. the before figures).
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { parseArgs } from '../../src/cli/args.ts'
import type { Aggregate } from '../../src/features/knowledge/evaluation/score.ts'
import { type EvalReport, evaluate, loadQa, ROOT } from './evaluate.ts'
import { evaluateReplies, type SetReport } from './replies.ts'

/** Issue 16's targets on the frozen holdout. */
export const TARGETS = {
  rightFirst: 0.95,
  wrongDeclines: 0.03,
  oosDeclined: 0.95,
  inventedFigures: 0,
  adversarialSafe: 1,
}

const { flags } = parseArgs(process.argv.slice(2), ['out'])
const showHoldout = flags['show-holdout-failures'] === true
const pct = (x: number) => `${(x * 100).toFixed(1)}%`
const r = (x: { ok: number; n: number; share: number }) => (x.n ? `${x.ok}/${x.n} ${pct(x.share)}` : '–')

function row(name: string, a: Aggregate) {
  return [
    name.padEnd(22),
    String(a.questions).padStart(4),
    r(a.rightFirst).padStart(16),
    `${a.wrongDeclines.ok}/${a.wrongDeclines.n}`.padStart(9),
    r(a.oosDeclined).padStart(14),
    r(a.ticketOpened).padStart(14),
    String(a.inventedFigures).padStart(5),
    r(a.mustInclude).padStart(14),
    r(a.notStated).padStart(14),
    r(a.partsAnswered).padStart(14),
    r(a.adversarialSafe).padStart(14),
  ].join(' ')
}

function printSet(report: SetReport, failures: boolean) {
  console.log(`\n${report.set}: ${report.overall.questions} questions`)
  console.log(
    `${'category'.padEnd(22)}    n ${'right clause 1st'.padStart(16)} ${'declined'.padStart(9)} ${'oos declined'.padStart(14)} ${'ticket opened'.padStart(14)} ${'figs'.padStart(5)} ${'must include'.padStart(14)} ${'not stated'.padStart(14)} ${'all parts'.padStart(14)} ${'adv. safe'.padStart(14)}`,
  )
  for (const [name, a] of Object.entries(report.categories)) console.log(row(name, a))
  console.log(row('ALL', report.overall))
  if (!failures) return
  for (const item of report.items.filter((i) => i.problems.length)) {
    console.log(
      `    [${item.category}] ${item.question}  → ${item.got} ${item.cited.join(',')}: ${item.problems.join('; ')}`,
    )
  }
}

function printRetrieval(name: string, report: EvalReport) {
  console.log(
    `  ${name}: classifier top-1 ${pct(report.top1)}, top-3 ${pct(report.top3)}, intent ${pct(report.intentAccuracy)}, out-of-scope declined ${pct(report.declineRate)}, entries covered ${report.entriesCovered}/${report.entriesTotal}`,
  )
}

const reports = await evaluateReplies(['tuning', 'holdout', 'frozen', 'frozen2'])
for (const report of reports) printSet(report, report.set === 'tuning' || showHoldout)
console.log('\nretrieval alone (classifier, before any handler):')
printRetrieval('tuning', await evaluate())
printRetrieval('holdout', await evaluate(undefined, await loadQa(join(ROOT, 'test/eval/qa-holdout.jsonl'))))

const metOn = (set: SetReport['set']) => {
  const frozen = reports.find((x) => x.set === set)!.overall
  return {
    rightFirst: frozen.rightFirst.share >= TARGETS.rightFirst,
    wrongDeclines: frozen.wrongDeclines.share <= TARGETS.wrongDeclines,
    oosDeclined: frozen.oosDeclined.share >= TARGETS.oosDeclined,
    inventedFigures: frozen.inventedFigures <= TARGETS.inventedFigures,
    adversarialSafe: frozen.adversarialSafe.share >= TARGETS.adversarialSafe,
  }
}
const met = metOn('frozen')
const met2 = metOn('frozen2')
console.log('\nfrozen holdouts, targets (issue 16):        frozen  frozen2')
for (const k of Object.keys(met) as (keyof typeof met)[])
  console.log(`  ${k.padEnd(40)} ${met[k] ? '✓' : '✗'}       ${met2[k] ? '✓' : '✗'}`)

// Holdout items are written without their questions unless asked: the file is read while tuning.
const strip = (report: SetReport) => (report.set === 'tuning' || showHoldout ? report : { ...report, items: undefined })
const out = typeof flags.out === 'string' ? join(ROOT, flags.out) : join(ROOT, 'bench/results/eval.json')
await mkdir(dirname(out), { recursive: true })
const at = new Date().toISOString()
await writeFile(out, `${JSON.stringify({ at, targets: TARGETS, met, met2, sets: reports.map(strip) }, null, 2)}\n`)
console.log(`\n→ ${out}`)
process.exit(0)
