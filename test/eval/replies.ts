// The evaluation of what people see: every question of a set through the bot (harness.ts), scored (score.ts),
// summed overall and per category.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  type Aggregate,
  aggregate,
  byCategory,
  clauseGrounding,
  type ItemScore,
  scoreItem,
} from '../../src/features/knowledge/evaluation/score.ts'
import { loadKnowledgeDir } from '../../src/features/knowledge/load-dir.ts'
import { parsePlan } from '../../src/features/knowledge/plan.ts'
import { createKnowledgeService, type KnowledgeService } from '../../src/features/knowledge/service.ts'
import { POLICY_FILE, ROOT } from './evaluate.ts'
import { openAsker } from './harness.ts'
import { loadEvalSet, SETS, type SetName } from './sets.ts'

export interface SetReport {
  set: SetName
  overall: Aggregate
  categories: Record<string, Aggregate>
  /** Every question's score; callers decide what to show (never the frozen set's while tuning). */
  items: ItemScore[]
}

export async function evaluateReplies(names: SetName[], service?: KnowledgeService): Promise<SetReport[]> {
  const knowledge = service ?? createKnowledgeService(await loadKnowledgeDir(join(ROOT, 'knowledge')))
  const plan = await readFile(POLICY_FILE, 'utf8')
  const context = { plan, grounding: clauseGrounding(parsePlan(plan)) }
  const asker = await openAsker(knowledge)
  try {
    const reports: SetReport[] = []
    for (const set of names) {
      const items = await loadEvalSet(SETS[set], knowledge.entries)
      const scores: ItemScore[] = []
      for (const item of items) {
        const reply = await asker.ask(item.question)
        const loaded = { enterpriseData: asker.enterpriseData, loadedData: asker.loadedData }
        scores.push(scoreItem(item, reply, { ...context, ...loaded }))
      }
      reports.push({ set, overall: aggregate(scores), categories: byCategory(scores), items: scores })
    }
    return reports
  } finally {
    await asker.close()
  }
}
