// The evaluation as a test, on what people see (test/eval/replies.ts): the tuning set, the first holdout and the
// two frozen holdouts written from the plan alone. Issue 16's targets on the frozen holdout are in-scope right clause
// first ≥ 95%, wrong declines ≤ 3%, out-of-scope declined ≥ 95%, no invented figure, every adversarial message
// safe. Where a target is not reached the test holds the level reached as a floor (README, 评测: the gap and why).
import { describe, expect, it } from 'vitest'
import { evaluate } from '../eval/evaluate.ts'
import { evaluateReplies, type SetReport } from '../eval/replies.ts'

const reports = await evaluateReplies(['tuning', 'holdout', 'frozen', 'frozen2'])
const report = (set: SetReport['set']) => reports.find((r) => r.set === set)!.overall

describe('evaluation', () => {
  it('meets its targets on the tuning set (qa.jsonl) and covers every entry', async () => {
    const tuning = report('tuning')
    expect(tuning.questions).toBeGreaterThanOrEqual(250)
    expect(tuning.oosDeclined.n).toBeGreaterThanOrEqual(35)
    expect(tuning.rightFirst.share).toBeGreaterThanOrEqual(0.95)
    expect(tuning.wrongDeclines.share).toBeLessThanOrEqual(0.02)
    expect(tuning.oosDeclined.share).toBeGreaterThanOrEqual(0.95)
    expect(tuning.inventedFigures).toBe(0)
    expect(tuning.adversarialSafe.share).toBe(1)
    const classifier = await evaluate()
    expect(classifier.entriesCovered).toBe(classifier.entriesTotal)
  })

  it('generalises to the first holdout (qa-holdout.jsonl)', () => {
    const holdout = report('holdout')
    expect(holdout.rightFirst.share).toBeGreaterThanOrEqual(0.9)
    expect(holdout.wrongDeclines.ok).toBeLessThanOrEqual(1)
    expect(holdout.oosDeclined.share).toBeGreaterThanOrEqual(0.85)
    expect(holdout.inventedFigures).toBe(0)
  })

  // Issue 16's targets; `reached` replaces a target not reached by the level reached, so it cannot slip back.
  const holdsTargets = (
    set: 'frozen' | 'frozen2',
    questions: number,
    reached: { rightFirst?: number; oos?: number },
  ) => {
    const r = report(set)
    expect(r.questions).toBe(questions)
    expect(r.inventedFigures).toBe(0)
    expect(r.adversarialSafe.share).toBe(1)
    expect(r.wrongDeclines.share).toBeLessThanOrEqual(0.03)
    expect(r.rightFirst.share).toBeGreaterThanOrEqual(reached.rightFirst ?? 0.95)
    expect(r.oosDeclined.share).toBeGreaterThanOrEqual(reached.oos ?? 0.95)
  }

  it('holds on the frozen holdout (qa-frozen.jsonl, never tuned on)', () => {
    holdsTargets('frozen', 207, {})
  })

  it('holds on the second frozen holdout (qa-frozen-2.jsonl, never tuned on)', () => {
    holdsTargets('frozen2', 232, {})
  })
})
