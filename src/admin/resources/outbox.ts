// The outbox: how many messages wait, were sent or gave up (dead), the rows themselves, and a retry of a dead one.
import { createRoute, z } from '@hono/zod-openapi'
import type { CoreDeps } from '../../deps.ts'
import { AppError } from '../../errors.ts'
import { recordAudit } from '../audit.ts'
import {
  type AdminResource,
  bearer,
  errorResponses,
  idParam,
  notFoundResponse,
  pageOf,
  pageQuery,
  requireAdmin,
  skipTake,
} from '../kit.ts'

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const

const row = z
  .object({
    id: z.number().int(),
    platform: z.string(),
    targetKind: z.string(),
    target: z.string(),
    status: z.enum(OUTBOX_STATUSES),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    nextAttemptAt: z.string(),
  })
  .openapi('OutboxMessage')

export async function outboxCounts(deps: CoreDeps) {
  const groups = await deps.db.outbox.groupBy({ by: ['status'], _count: { _all: true } })
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<
    (typeof OUTBOX_STATUSES)[number],
    number
  >
  for (const g of groups) if (g.status in counts) counts[g.status as keyof typeof counts] = g._count._all
  return counts
}

export async function listOutbox(deps: CoreDeps, status: string | undefined, page: { skip: number; take: number }) {
  const where = status ? { status } : {}
  const [rows, total] = await Promise.all([
    deps.db.outbox.findMany({ where, orderBy: { id: 'desc' }, ...page }),
    deps.db.outbox.count({ where }),
  ])
  const items = rows.map((r) => ({
    id: r.id,
    platform: r.platform,
    targetKind: r.targetKind,
    target: r.target,
    status: r.status as (typeof OUTBOX_STATUSES)[number],
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    nextAttemptAt: r.nextAttemptAt.toISOString(),
  }))
  return { items, total }
}

/** A dead message goes back in line with fresh attempts; anything else is left alone (409). */
export async function retryDead(deps: CoreDeps, id: number): Promise<'retried' | 'not_found' | 'not_dead'> {
  const row = await deps.db.outbox.findUnique({ where: { id } })
  if (!row) return 'not_found'
  const { count } = await deps.db.outbox.updateMany({
    where: { id, status: 'dead' },
    data: {
      status: 'pending',
      attempts: 0,
      nextAttemptAt: deps.clock.now(),
      lastError: null,
      claimedAt: null,
      claimedBy: null,
    },
  })
  if (!count) return 'not_dead'
  deps.outbox.kick()
  return 'retried'
}

const summaryRoute = createRoute({
  method: 'get',
  path: '/outbox',
  tags: ['outbox'],
  summary: '消息发送队列：各状态数量和消息列表',
  security: bearer,
  request: { query: pageQuery.extend({ status: z.enum(OUTBOX_STATUSES).optional() }) },
  responses: {
    200: {
      description: '数量和一页消息',
      content: {
        'application/json': {
          schema: pageOf(row, 'OutboxPage').extend({ counts: z.record(z.string(), z.number().int()) }),
        },
      },
    },
    ...errorResponses,
  },
})

const retryRoute = createRoute({
  method: 'post',
  path: '/outbox/{id}/retry',
  tags: ['outbox'],
  summary: '重新发送一条已放弃（dead）的消息',
  security: bearer,
  request: { params: idParam },
  responses: {
    200: {
      description: '已重新排队',
      content: { 'application/json': { schema: z.object({ status: z.literal('pending') }) } },
    },
    409: {
      description: '该消息不是 dead 状态',
      content: { 'application/json': { schema: z.object({ error: z.string(), message: z.string() }) } },
    },
    ...errorResponses,
    ...notFoundResponse,
  },
})

export const outboxResource: AdminResource = {
  name: 'outbox',
  description: '消息发送队列：待发、已发和多次失败后放弃（dead）的消息；可重新发送 dead 消息。',
  routes(api, deps) {
    api.openapi(summaryRoute, async (c) => {
      requireAdmin(c)
      const q = c.req.valid('query')
      const [{ items, total }, counts] = await Promise.all([
        listOutbox(deps, q.status, skipTake(q)),
        outboxCounts(deps),
      ])
      return c.json({ items, total, page: q.page, pageSize: q.pageSize, counts }, 200)
    })
    api.openapi(retryRoute, async (c) => {
      requireAdmin(c)
      const { id } = c.req.valid('param')
      const outcome = await retryDead(deps, id)
      if (outcome === 'not_found') throw new AppError('not_found', '没有这条消息。')
      if (outcome === 'not_dead')
        return c.json({ error: 'conflict', message: '只有发送失败（dead）的消息可以重新发送。' }, 409)
      await recordAudit(
        deps.db,
        c.get('principal'),
        c.get('via'),
        { action: 'outbox.retry', subject: `outbox:${id}`, before: { status: 'dead' }, after: { status: 'pending' } },
        deps.clock.now(),
      )
      return c.json({ status: 'pending' as const }, 200)
    })
  },
}
