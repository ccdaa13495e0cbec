// Console edits as KnowledgeRevision rows, and keeping every instance's knowledge service in step with them. The
// latest revision of an entry wins (fields null: back to the file's version). An instance asks for the highest
// revision id at most once per POLL_MS when a message is recognised (one indexed read); only when it changed are
// the revisions read and the index rebuilt. No file is written: this works on Workers/D1 as on Node.
import type { DbOrTx } from '../../db/client.ts'
import type { CoreDeps } from '../../deps.ts'
import { type EditableFields, type EntryEdits, editableFieldsSchema } from './edits.ts'
import type { KnowledgeService } from './service.ts'

export const POLL_MS = 1000

const parseFields = (json: string | null): EditableFields | null => {
  if (json === null) return null
  const parsed = editableFieldsSchema.safeParse(JSON.parse(json))
  return parsed.success ? parsed.data : null
}

/** Every entry's latest revision, and the highest revision id. */
export async function loadEdits(db: DbOrTx): Promise<{ edits: EntryEdits; version: number }> {
  const rows = await db.knowledgeRevision.findMany({
    orderBy: { id: 'asc' },
    select: { id: true, entryId: true, fields: true },
  })
  const edits = new Map<string, EditableFields | null>()
  for (const row of rows) edits.set(row.entryId, parseFields(row.fields))
  return { edits, version: rows.at(-1)?.id ?? 0 }
}

const checkedAt = new WeakMap<KnowledgeService, number>()

/**
 * Brings `deps.knowledge` up to the latest revision (`force`: now; otherwise at most once per POLL_MS). A failed read
 * is logged and the bot keeps answering from what it has.
 */
export async function syncEdits(deps: Pick<CoreDeps, 'db' | 'knowledge' | 'log'>, options: { force?: boolean } = {}) {
  const service = deps.knowledge
  const now = performance.now()
  if (!options.force && now - (checkedAt.get(service) ?? Number.NEGATIVE_INFINITY) < POLL_MS) return
  checkedAt.set(service, now)
  try {
    const top = await deps.db.knowledgeRevision.findFirst({ orderBy: { id: 'desc' }, select: { id: true } })
    if ((top?.id ?? 0) === service.editVersion) return
    const { edits, version } = await loadEdits(deps.db)
    service.applyEdits(edits, version)
    deps.log.info('knowledge edits applied', { version, entries: edits.size })
  } catch (error) {
    deps.log.error('knowledge edits: sync failed; answering from the previous version', { error })
  }
}

export interface RevisionView {
  id: number
  entryId: string
  /** null: back to the file's version. */
  fields: EditableFields | null
  authorName: string | null
  createdAt: Date
}

export async function revisionsOf(db: DbOrTx, entryId: string): Promise<RevisionView[]> {
  const rows = await db.knowledgeRevision.findMany({ where: { entryId }, orderBy: { id: 'desc' } })
  return rows.map((r) => ({
    id: r.id,
    entryId: r.entryId,
    fields: parseFields(r.fields),
    authorName: r.authorName,
    createdAt: r.createdAt,
  }))
}

/** How many revisions each entry has (the admin API's list), in one query. */
export async function revisionCounts(db: DbOrTx): Promise<Map<string, number>> {
  const groups = await db.knowledgeRevision.groupBy({ by: ['entryId'], _count: { _all: true } })
  return new Map(groups.map((g) => [g.entryId, g._count._all]))
}
