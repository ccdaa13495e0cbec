// `npm run calibrate`: fits the decision to answer (src/features/knowledge/decision.ts) on the tuning set only.
// The tuning set is cut in three (by a hash of the question); each third is scored by a logistic model over the
// search signals fitted on the other two, so every question gets a probability from weights that never saw it.
// Those held-out probabilities set the threshold: the one that answers most in-scope questions while
// an out-of-scope question answered costs three of them. (Which clause answers is the ranking's job: declining an
// in-scope question is never better than answering it from a neighbouring clause, which still cites its source.) Out-of-scope
// questions are few and mostly caught by the topic list, so each in-scope question also serves as a negative: asked
// of an index without the entries (clauses) that answer it, it is a question the knowledge does not cover, phrased
// as real ones are. Writes src/features/knowledge/calibration.json. The holdouts are never read here.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type AnswerModel, type Calibration, DECISION_SIGNALS } from '../../src/features/knowledge/decision.ts'
import type { KnowledgeEntry } from '../../src/features/knowledge/entry.ts'
import { agreement } from '../../src/features/knowledge/intent.ts'
import { createKnowledgeIndex, type KnowledgeIndex } from '../../src/features/knowledge/knowledge-index.ts'
import { loadKnowledgeDir } from '../../src/features/knowledge/load-dir.ts'
import { clauseEntries, clauseIdsOf } from '../../src/features/knowledge/plan.ts'
import { createKnowledgeService } from '../../src/features/knowledge/service.ts'
import { ROOT } from './evaluate.ts'
import { loadEvalSet, SETS } from './sets.ts'

const WRONG_COST = 3
const FOLDS = 3

interface Sample {
  x: number[]
  y: 0 | 1
  fold: number
  /** A made-up negative (an index without the answer) counts for less than a real question. */
  weight: number
}
const MADE_UP_WEIGHT = 0.35
/**
 * …and for less again when setting the threshold: its answer is missing on purpose, but a neighbouring entry often
 * covers the question well (both 二、(一) and 三、(一) speak of 质量奖), so it is a harsher test than real questions.
 */
const MADE_UP_COST = 0.02

const hash = (s: string) => [...s].reduce((h, c) => Math.imul(h ^ c.codePointAt(0)!, 16777619) >>> 0, 2166136261)

function fitModel(train: Sample[]): Pick<AnswerModel, 'weights' | 'bias'> {
  const w = DECISION_SIGNALS.map(() => 0)
  let b = 0
  const total = train.reduce((sum, s) => sum + s.weight, 0)
  const rate = 0.3
  const l2 = 0.002
  for (let epoch = 0; epoch < 4000; epoch++) {
    const gw = w.map(() => 0)
    let gb = 0
    for (const s of train) {
      const z = b + s.x.reduce((acc, v, i) => acc + v * w[i]!, 0)
      const err = (1 / (1 + Math.exp(-z)) - s.y) * s.weight
      s.x.forEach((v, i) => {
        gw[i]! += err * v
      })
      gb += err
    }
    w.forEach((_, i) => {
      w[i]! -= rate * (gw[i]! / total + l2 * w[i]!)
    })
    b -= (rate * gb) / total
  }
  return { weights: w.map((v) => Math.round(v * 1000) / 1000), bias: Math.round(b * 1000) / 1000 }
}

const probabilityOf = (model: Pick<AnswerModel, 'weights' | 'bias'>, s: Sample) =>
  1 / (1 + Math.exp(-(model.bias + s.x.reduce((a, v, i) => a + v * model.weights[i]!, 0))))

/** Every sample's probability from the model fitted on the other folds. */
function heldOutProbabilities(samples: Sample[]): Map<Sample, number> {
  const p = new Map<Sample, number>()
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = fitModel(samples.filter((s) => s.fold !== fold))
    for (const s of samples.filter((x) => x.fold === fold)) p.set(s, probabilityOf(model, s))
  }
  return p
}

function threshold(samples: Sample[]) {
  const heldOut = samples
  const probabilities = heldOutProbabilities(samples)
  const p = (s: Sample) => probabilities.get(s)!
  const candidates = [...new Set(heldOut.map(p))].sort((a, b) => a - b)
  let best = { threshold: 0.5, utility: Number.NEGATIVE_INFINITY, right: 0, wrong: 0 }
  for (const t of candidates) {
    const answered = heldOut.filter((s) => p(s) >= t)
    const right = answered.filter((s) => s.y === 1).length
    const wrong = answered.filter((s) => s.y === 0).reduce((sum, s) => sum + (s.weight < 1 ? MADE_UP_COST : 1), 0)
    const utility = right - WRONG_COST * wrong
    if (utility > best.utility) best = { threshold: t, utility, right, wrong }
  }
  const positives = heldOut.filter((s) => s.y === 1).length
  return { ...best, heldOut: heldOut.length, positives }
}

/** What the threshold does on the held-out probabilities. */
function report(name: string, samples: Sample[], t: ReturnType<typeof threshold>) {
  console.log(
    `${name}: ${samples.length} samples (${samples.filter((s) => s.y).length} answerable); held out: answers ${t.right} rightly, ${t.wrong.toFixed(2)} (weighted) wrongly at p ≥ ${t.threshold.toFixed(3)}`,
  )
}

const kb = await loadKnowledgeDir(join(ROOT, 'knowledge'))
const service = createKnowledgeService(kb)
const items = await loadEvalSet(SETS.tuning, kb.entries)
const entrySamples: Sample[] = []
const clauseSamples: Sample[] = []
const clauses = clauseEntries(kb.plan ?? '', kb.entries)
const without = new Map<string, KnowledgeIndex>()
/** The index of `all` without the ones answering `sections` (built once per set of sections). */
const indexWithout = (kind: string, all: KnowledgeEntry[], sections: string[]) => {
  const key = `${kind}:${[...sections].sort().join()}`
  let index = without.get(key)
  if (!index) {
    index = createKnowledgeIndex(
      all.filter((e) => !clauseIdsOf(e.section).some((id) => sections.includes(id))),
      kb.dictionary,
    )
    without.set(key, index)
  }
  return index
}
for (const item of items) {
  const inScope = (item.intent === 'policy_answer' || item.intent === 'eligibility') && item.sections.length > 0
  if (!inScope && item.intent !== 'out_of_scope') continue
  const found = service.searches(item.question)
  const fold = hash(item.question) % FOLDS
  if (found.pEntries > 0) {
    const y = inScope ? 1 : 0
    entrySamples.push({ x: [...found.entries.signals, found.agreement], y, fold, weight: 1 })
  }
  if (found.clauses && found.pClauses > 0) {
    const y = inScope ? 1 : 0
    clauseSamples.push({ x: [...found.clauses.signals, found.agreement], y, fold, weight: 1 })
  }
  if (!inScope) continue
  const onTopic = (r: { hits: unknown[]; domain: string[] }) =>
    r.hits.length > 0 && (!found.topics.length || r.domain.length > 0)
  // Knowledge without the answer lacks it in both indexes: their agreement is what it would be then.
  const missingEntry = indexWithout('entries', kb.entries, item.sections).search(found.rest, 3)
  const missingClause = indexWithout('clauses', clauses, item.sections).search(found.rest, 3)
  const agree = agreement(missingEntry, missingClause)
  if (onTopic(missingEntry))
    entrySamples.push({ x: [...missingEntry.signals, agree], y: 0, fold, weight: MADE_UP_WEIGHT })
  if (onTopic(missingClause))
    clauseSamples.push({ x: [...missingClause.signals, agree], y: 0, fold, weight: MADE_UP_WEIGHT })
}

const model = (samples: Sample[], name: string): AnswerModel => {
  const weights = fitModel(samples)
  const t = threshold(samples)
  report(name, samples, t)
  return { ...weights, threshold: Math.round(t.threshold * 1000) / 1000 }
}

const calibration: Calibration = {
  signals: [...DECISION_SIGNALS],
  entries: model(entrySamples, 'entries'),
  clauses: model(clauseSamples, 'clauses'),
}
const out = join(ROOT, 'src/features/knowledge/calibration.json')
await writeFile(out, `${JSON.stringify(calibration, null, 2)}\n`)
console.log(`→ ${out}`)
