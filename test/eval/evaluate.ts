// The evaluation of the knowledge feature over test/eval/qa.jsonl, shared by `npm run eval` and the vitest test.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { renderCardText } from '../../src/cards/render-text.ts'
import { inventedFigures } from '../../src/features/knowledge/figures.ts'
import { loadKnowledgeDir } from '../../src/features/knowledge/load-dir.ts'
import { createKnowledgeService, type KnowledgeService } from '../../src/features/knowledge/service.ts'

export const ROOT = join(fileURLToPath(import.meta.url), '../../..')
/** The plan itself, as published: what entries quote and what answers may take figures from. */
export const POLICY_FILE = join(ROOT, 'knowledge/source/policy.txt')

export const qaItemSchema = z.object({
  question: z.string().min(1),
  intent: z.enum(['policy_answer', 'eligibility', 'ticket', 'help', 'smalltalk', 'out_of_scope']),
  /** Lines written with clauses (`sections`) rather than an entry count for intents only. */
  entry: z.string().min(1).default('none'),
})
export type QaItem = z.infer<typeof qaItemSchema>

export async function loadQa(file = join(ROOT, 'test/eval/qa.jsonl')): Promise<QaItem[]> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim())
  // Adversarial lines have no intent of their own to check: the reply-level evaluation scores them (replies.ts).
  const asked = lines.map((l) => JSON.parse(l)).filter((l) => l.intent !== 'adversarial')
  return asked.map((line, i) => {
    const parsed = qaItemSchema.safeParse(line)
    if (!parsed.success) throw new Error(`qa.jsonl line ${i + 1}: ${parsed.error.message}`)
    return parsed.data
  })
}

export interface Failure {
  question: string
  expected: string
  got: string
}

export interface EvalReport {
  total: number
  intentAccuracy: number
  /** Among questions with an expected entry: the answer given (first entry) is the expected one. */
  top1: number
  /** … the expected entry is among the (up to 3) entries retrieved. */
  top3: number
  withEntry: number
  outOfScope: number
  declineRate: number
  /** In-scope questions the bot declined. */
  falseDeclines: number
  /** Policy answers given from an entry other than the expected one. */
  wrongAnswers: number
  answers: number
  inventedFigures: { question: string; figures: string[] }[]
  entriesCovered: number
  entriesTotal: number
  failures: { intent: Failure[]; entry: Failure[] }
}

const share = (n: number, d: number) => (d ? Math.round((n / d) * 10000) / 10000 : 0)

export async function evaluate(service?: KnowledgeService, items?: QaItem[]): Promise<EvalReport> {
  const kb = service ? undefined : await loadKnowledgeDir(join(ROOT, 'knowledge'))
  const svc = service ?? createKnowledgeService(kb!)
  const qa = items ?? (await loadQa())
  const policy = await readFile(POLICY_FILE, 'utf8')
  const failures: EvalReport['failures'] = { intent: [], entry: [] }
  const invented: EvalReport['inventedFigures'] = []
  let intentOk = 0
  let top1 = 0
  let top3 = 0
  let withEntry = 0
  let declined = 0
  let falseDeclines = 0
  let wrongAnswers = 0
  let answers = 0
  for (const item of qa) {
    const c = svc.classify(item.question)
    if (c.intent === item.intent) intentOk++
    else failures.intent.push({ question: item.question, expected: item.intent, got: c.intent })
    if (item.intent === 'out_of_scope' && c.intent === 'out_of_scope') declined++
    if (item.intent !== 'out_of_scope' && c.intent === 'out_of_scope') falseDeclines++
    const ids = c.data.entryIds
    if (item.entry !== 'none') {
      withEntry++
      if (ids[0] === item.entry) top1++
      else failures.entry.push({ question: item.question, expected: item.entry, got: ids.join(',') || '(none)' })
      if (ids.slice(0, 3).includes(item.entry)) top3++
    }
    if (c.intent === 'policy_answer') {
      answers++
      if (item.entry !== 'none' && ids[0] !== item.entry) wrongAnswers++
      const answer = svc.answer(item.question, ids, { scores: c.data.scores })
      const figures = answer ? inventedFigures(renderCardText(answer.card).text, policy) : []
      if (figures.length) invented.push({ question: item.question, figures })
    }
  }
  const outOfScope = qa.filter((i) => i.intent === 'out_of_scope').length
  const covered = new Set(qa.map((i) => i.entry))
  return {
    total: qa.length,
    intentAccuracy: share(intentOk, qa.length),
    top1: share(top1, withEntry),
    top3: share(top3, withEntry),
    withEntry,
    outOfScope,
    declineRate: share(declined, outOfScope),
    falseDeclines,
    wrongAnswers,
    answers,
    inventedFigures: invented,
    entriesCovered: svc.entries.filter((e) => covered.has(e.id)).length,
    entriesTotal: svc.entries.length,
    failures,
  }
}
