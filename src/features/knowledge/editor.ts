// Editing an entry from the console or the admin API: check the fields, lay them over the entry in a separate
// service, run the evaluation before and after (evaluation/gate.ts) and show the answer card the edit would give.
// Saving runs all of it again on the server, refuses an edit that makes any measure worse, and otherwise records a
// KnowledgeRevision and the audit entry in one transaction and brings this instance's knowledge up to it at once.
import { type AuditInput, recordAudit } from '../../admin/audit.ts'
import type { Principal, Via } from '../../admin/principal.ts'
import { auditActor } from '../../admin/principal.ts'
import type { CardModel } from '../../cards/model.ts'
import type { CoreDeps } from '../../deps.ts'
import { type EditableFields, editableFieldsSchema, editableOf } from './edits.ts'
import type { KnowledgeEntry } from './entry.ts'
import { bundledEvalSets } from './evaluation/bundle.ts'
import { type EvalSummary, evaluateKnowledge, type Regression, regressions } from './evaluation/gate.ts'
import { inventedFigures } from './figures.ts'
import { syncEdits } from './revisions.ts'
import type { KnowledgeService } from './service.ts'

export interface FieldIssue {
  path: string
  message: string
}

export interface CheckedEdit {
  /** The entry as it would be (the file's version for a revert). */
  entry: KnowledgeEntry
  /** The entry as it is now. */
  current: KnowledgeEntry
  /** The representative question the preview card answers (the entry's title). */
  question: string
  /** The real policy-answer card of the edited entry for that question. */
  card: CardModel | null
  /** The entry the bot would pick for that question after the edit (another one is worth knowing). */
  chosenFor: string | null
  before: EvalSummary
  after: EvalSummary
  regressions: Regression[]
  /** How long the evaluation took (after; before is cached per version of the knowledge). */
  evaluationMs: number
}

export type EditResult =
  | { kind: 'not_found' }
  | { kind: 'invalid'; issues: FieldIssue[] }
  | ({ kind: 'checked' } & CheckedEdit)
  | ({ kind: 'refused' } & CheckedEdit)
  | ({ kind: 'saved'; revisionId: number } & CheckedEdit)

/** `fields` null: back to the file's version (a revert). */
export type EditInput = { fields: unknown } | { revert: true }

const beforeCache = new WeakMap<readonly KnowledgeEntry[], EvalSummary>()
const evaluationOf = (service: KnowledgeService) => {
  let summary = beforeCache.get(service.entries)
  if (!summary) {
    summary = evaluateKnowledge(service, bundledEvalSets())
    beforeCache.set(service.entries, summary)
  }
  return summary
}

function validate(
  service: KnowledgeService,
  entryId: string,
  input: unknown,
): { fields: EditableFields } | { issues: FieldIssue[] } {
  const parsed = editableFieldsSchema.safeParse(input)
  if (!parsed.success) {
    return { issues: parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? ''), message: i.message })) }
  }
  // Zero invented figures: what the answer and title state must be in the clauses the entry cites.
  const grounding = service.groundingFor([entryId])
  const issues: FieldIssue[] = []
  for (const path of ['title', 'answer'] as const) {
    const figures = inventedFigures(parsed.data[path], grounding)
    if (figures.length) {
      issues.push({
        path,
        message: `“${figures.join('”“')}”不在所引条款的原文中：方案没有写明的数字、金额、日期不能写进${path === 'title' ? '标题' : '回答'}。`,
      })
    }
  }
  return issues.length ? { issues } : { fields: parsed.data }
}

/** Validates and evaluates an edit without saving it (the preview; also the first half of saving). */
export async function checkEdit(deps: CoreDeps, entryId: string, input: EditInput): Promise<EditResult> {
  await syncEdits(deps, { force: true })
  const live = deps.knowledge
  const file = live.base.entries.find((e) => e.id === entryId)
  const current = live.get(entryId)
  if (!file || !current) return { kind: 'not_found' }
  let fields: EditableFields | null = null
  if (!('revert' in input)) {
    const checked = validate(live, entryId, input.fields)
    if ('issues' in checked) return { kind: 'invalid', issues: checked.issues }
    fields = checked.fields
  }
  const edits = new Map(live.edits)
  if (fields) edits.set(entryId, fields)
  else edits.delete(entryId)
  const candidate = live.withEdits(edits)
  const before = evaluationOf(live)
  const started = performance.now()
  const after = evaluateKnowledge(candidate, bundledEvalSets())
  const evaluationMs = Math.round(performance.now() - started)
  const entry = candidate.get(entryId)!
  const question = entry.title
  const chosen = candidate.classify(question)
  return {
    kind: 'checked',
    entry,
    current,
    question,
    card: candidate.answer(question, [entryId])?.card ?? null,
    chosenFor: chosen.intent === 'policy_answer' ? (chosen.data.entryIds[0] ?? null) : null,
    before,
    after,
    regressions: regressions(before, after),
    evaluationMs,
  }
}

/** Checks the edit again (never trusting a preview) and saves it unless it makes answers worse. */
export async function saveEdit(
  deps: CoreDeps,
  who: Principal,
  via: Via,
  entryId: string,
  input: EditInput,
): Promise<EditResult> {
  const checked = await checkEdit(deps, entryId, input)
  if (checked.kind !== 'checked') return checked
  if (checked.regressions.length) return { ...checked, kind: 'refused' }
  const revert = 'revert' in input
  const after = editableOf(checked.entry)
  const audit: AuditInput = {
    action: revert ? 'knowledge.revert' : 'knowledge.edit',
    subject: `knowledge:${entryId}`,
    before: editableOf(checked.current),
    after,
  }
  const { actor, actorName } = auditActor(who)
  const now = deps.clock.now()
  const revision = await deps.db.$transaction(async (tx) => {
    const row = await tx.knowledgeRevision.create({
      data: {
        entryId,
        fields: revert ? null : JSON.stringify(after),
        author: actor,
        authorName: actorName,
        createdAt: now,
        evalBefore: JSON.stringify(checked.before),
        evalAfter: JSON.stringify(checked.after),
      },
    })
    await recordAudit(tx, who, via, audit, now)
    return row
  })
  await syncEdits(deps, { force: true })
  deps.log.info('knowledge entry edited', { entryId, revision: revision.id, revert })
  return { ...checked, kind: 'saved', revisionId: revision.id }
}
