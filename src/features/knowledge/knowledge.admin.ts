// /admin/api/knowledge: the entries as the bot answers from them (the files of knowledge/ with the console's edits
// laid over them), and editing them (admins only). An edit is checked like the console's: field by field, for figures
// the cited clauses do not contain, and by the evaluation before and after; one that makes any measure worse is
// refused with 422 and the measures' deltas. POST …/preview runs the same checks without saving.
import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AdminEnv } from '../../admin/env.ts'
import { type AdminResource, bearer, errorResponses, notFoundResponse, requireAdmin } from '../../admin/kit.ts'
import type { CoreDeps } from '../../deps.ts'
import { AppError } from '../../errors.ts'
import { type CheckedEdit, checkEdit, type EditInput, type EditResult, saveEdit } from './editor.ts'
import type { KnowledgeEntry } from './entry.ts'
import { checkedSchema, editBody, entryParam, entrySchema, refused } from './knowledge.admin-schemas.ts'
import { revisionCounts, syncEdits } from './revisions.ts'

const listRoute = createRoute({
  method: 'get',
  path: '/knowledge',
  tags: ['knowledge'],
  summary: '知识库条目（含工作台的修改）',
  security: bearer,
  responses: {
    200: {
      description: '全部条目',
      content: { 'application/json': { schema: z.object({ items: z.array(entrySchema) }) } },
    },
    ...errorResponses,
  },
})

const getRoute = createRoute({
  method: 'get',
  path: '/knowledge/{entryId}',
  tags: ['knowledge'],
  summary: '一个知识库条目（生效的版本及修改次数）',
  security: bearer,
  request: { params: entryParam },
  responses: {
    200: { description: '条目', content: { 'application/json': { schema: entrySchema } } },
    ...errorResponses,
    ...notFoundResponse,
  },
})

const editRoute = (method: 'put' | 'post', path: string, summary: string) =>
  createRoute({
    method,
    path,
    tags: ['knowledge'],
    summary,
    security: bearer,
    request: {
      params: entryParam,
      body: { required: true, content: { 'application/json': { schema: editBody } } },
    },
    responses: {
      200: { description: '评测结果与回答卡片预览', content: { 'application/json': { schema: checkedSchema } } },
      ...errorResponses,
      ...notFoundResponse,
      ...refused,
    },
  })

const putRoute = editRoute('put', '/knowledge/{entryId}', '修改条目（仅管理员；评测变差则拒绝）')
const previewRoute = editRoute('post', '/knowledge/{entryId}/preview', '预览修改：回答卡片与评测前后对比，不保存')

const revertRoute = createRoute({
  method: 'post',
  path: '/knowledge/{entryId}/revert',
  tags: ['knowledge'],
  summary: '恢复为 knowledge/ 文件中的版本（仅管理员；同样经过评测）',
  security: bearer,
  request: { params: entryParam },
  responses: {
    200: { description: '已恢复', content: { 'application/json': { schema: checkedSchema } } },
    ...errorResponses,
    ...notFoundResponse,
    ...refused,
  },
})

const viewOf = (deps: CoreDeps, entry: KnowledgeEntry, revisions: number) => ({
  id: entry.id,
  title: entry.title,
  section: entry.section,
  category: entry.category,
  keywords: entry.keywords,
  synonyms: entry.synonyms,
  answer: entry.answer,
  source: entry.source,
  silentOn: entry.silentOn,
  edited: Boolean(deps.knowledge.edits.get(entry.id)),
  revisions,
})

/** The entry as the bot answers from it, with how often it was edited. */
const entryView = async (deps: CoreDeps, entry: KnowledgeEntry) =>
  viewOf(deps, entry, await deps.db.knowledgeRevision.count({ where: { entryId: entry.id } }))

async function respond(c: Context<AdminEnv>, deps: CoreDeps, result: EditResult) {
  if (result.kind === 'not_found') throw new AppError('not_found', '没有这个条目。')
  if (result.kind === 'invalid') {
    return c.json({ error: 'validation_failed', message: '输入有误，请按提示修改。', issues: result.issues }, 422)
  }
  const evaluation = (r: CheckedEdit) => ({
    before: r.before,
    after: r.after,
    regressions: r.regressions,
    ms: r.evaluationMs,
  })
  if (result.kind === 'refused') {
    const message = `修改会让回答变差，未保存：${result.regressions.map((r) => r.message).join('；')}。`
    return c.json({ error: 'evaluation_worse', message, evaluation: evaluation(result) }, 422)
  }
  return c.json(
    {
      saved: result.kind === 'saved',
      ...(result.kind === 'saved' ? { revisionId: result.revisionId } : {}),
      entry: await entryView(deps, result.entry),
      preview: { question: result.question, card: result.card },
      evaluation: evaluation(result),
    },
    200,
  )
}

export const knowledgeAdmin: AdminResource = {
  name: 'knowledge',
  description:
    '知识库：机器人据以回答政策问题的条目。管理员可修改标题、关键词、同义词和回答；保存前在服务器上重跑评测，任何一项变差即拒绝。',
  routes(api, deps) {
    api.openapi(listRoute, async (c) => {
      await syncEdits(deps, { force: true })
      const counts = await revisionCounts(deps.db)
      const items = deps.knowledge.base.entries.map((e) =>
        viewOf(deps, deps.knowledge.get(e.id) ?? e, counts.get(e.id) ?? 0),
      )
      return c.json({ items }, 200)
    })
    api.openapi(getRoute, async (c) => {
      await syncEdits(deps, { force: true })
      const entry = deps.knowledge.get(c.req.valid('param').entryId)
      if (!entry || !deps.knowledge.base.entries.some((e) => e.id === entry.id))
        throw new AppError('not_found', '没有这个条目。')
      return c.json(await entryView(deps, entry), 200)
    })
    const edit = (save: boolean) => async (c: Context<AdminEnv>, entryId: string, input: EditInput) => {
      requireAdmin(c)
      const result = save
        ? await saveEdit(deps, c.get('principal'), c.get('via'), entryId, input)
        : await checkEdit(deps, entryId, input)
      return respond(c, deps, result)
    }
    api.openapi(putRoute, (c) => edit(true)(c, c.req.valid('param').entryId, { fields: c.req.valid('json') }) as never)
    api.openapi(
      previewRoute,
      (c) => edit(false)(c, c.req.valid('param').entryId, { fields: c.req.valid('json') }) as never,
    )
    api.openapi(revertRoute, (c) => edit(true)(c, c.req.valid('param').entryId, { revert: true }) as never)
  },
}
