// Whether a search result is sure enough to answer from: a logistic model over the search signals
// (knowledge-index.ts SIGNALS), one for the curated entries and one for the plan's clauses. The weights are fitted
// on two thirds of the tuning set and the threshold chosen on the other third (test/eval/calibrate.ts writes
// calibration.json), so the bar is set by questions the weights never saw, not by a fixed coverage share.
import calibration from './calibration.json' with { type: 'json' }
import { SIGNALS } from './knowledge-index.ts'

/**
 * What the decision weighs: each search's own signals, then whether the two searches agree — the best curated entry
 * cites the best clause (or its chapter). Two indexes built from different texts (curated answers, the plan's own
 * words) pointing at one clause is evidence neither gives alone, and it does not depend on how much colloquial
 * padding came with the question.
 */
export const DECISION_SIGNALS = [...SIGNALS, 'agreement'] as const

export interface AnswerModel {
  weights: number[]
  bias: number
  /** Answer when the probability is at least this. */
  threshold: number
}

export interface Calibration {
  signals: string[]
  entries: AnswerModel
  clauses: AnswerModel
}

export const probability = (model: Pick<AnswerModel, 'weights' | 'bias'>, signals: readonly number[]) => {
  let z = model.bias
  for (let i = 0; i < model.weights.length; i++) z += model.weights[i]! * (signals[i] ?? 0)
  return 1 / (1 + Math.exp(-z))
}

export const sure = (model: AnswerModel, signals: readonly number[]) => probability(model, signals) >= model.threshold

/** The shipped calibration; its signal names must match the index's, or it was fitted for another version. */
export function shippedCalibration(): Calibration {
  const c = calibration as Calibration
  if (c.signals.join() !== DECISION_SIGNALS.join())
    throw new Error('calibration.json was fitted on other signals: re-run it')
  return c
}
