// Jobs: the schedule with each job's latest runs, and "run now". A manual run takes the same once-per-minute lock
// as the scheduler (src/jobs/run-job.ts), so it never runs beside a scheduled run of the same job.
import { createRoute, z } from '@hono/zod-openapi'
import type { CoreDeps } from '../../deps.ts'
import { AppError } from '../../errors.ts'
import type { Job } from '../../jobs/job.ts'
import { runJobOnce } from '../../jobs/run-job.ts'
import { recordAudit } from '../audit.ts'
import { type AdminResource, bearer, errorResponses, notFoundResponse, requireAdmin } from '../kit.ts'

const run = z.object({
  period: z.string(),
  status: z.string().openapi({ example: 'done' }),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
})
const jobSchema = z
  .object({ name: z.string(), cron: z.string(), description: z.string(), runs: z.array(run) })
  .openapi('Job')

export async function jobsWithRuns(deps: CoreDeps, jobs: readonly Job[], runs = 5) {
  return Promise.all(
    jobs.map(async (job) => {
      const rows = await deps.db.jobRun.findMany({ where: { job: job.name }, orderBy: { id: 'desc' }, take: runs })
      return {
        name: job.name,
        cron: job.cron,
        description: job.description,
        runs: rows.map((r) => ({
          period: r.period,
          status: r.status,
          error: r.error,
          startedAt: r.startedAt.toISOString(),
          finishedAt: r.finishedAt?.toISOString() ?? null,
        })),
      }
    }),
  )
}

/** Runs a job now for someone; 'skipped' when it already ran (or runs) this minute. */
export async function runJobNow(deps: CoreDeps, job: Job) {
  return runJobOnce(deps, job, deps.clock.now())
}

const listRoute = createRoute({
  method: 'get',
  path: '/jobs',
  tags: ['jobs'],
  summary: '定时任务及最近运行情况',
  security: bearer,
  responses: {
    200: {
      description: '全部任务',
      content: { 'application/json': { schema: z.object({ items: z.array(jobSchema) }) } },
    },
    ...errorResponses,
  },
})

const runRoute = createRoute({
  method: 'post',
  path: '/jobs/{name}/run',
  tags: ['jobs'],
  summary: '立即运行一个任务',
  security: bearer,
  request: {
    params: z.object({
      name: z
        .string()
        .max(64)
        .openapi({ param: { name: 'name', in: 'path' } }),
    }),
  },
  responses: {
    200: {
      description: '运行结果：ran 已运行，failed 运行失败（见日志），skipped 本分钟已运行过',
      content: { 'application/json': { schema: z.object({ outcome: z.enum(['ran', 'skipped', 'failed']) }) } },
    },
    ...errorResponses,
    ...notFoundResponse,
  },
})

export function jobsResource(jobs: readonly Job[]): AdminResource {
  return {
    name: 'jobs',
    description: '定时任务：查看计划和最近运行结果，必要时立即运行一次。',
    routes(api, deps) {
      api.openapi(listRoute, async (c) => c.json({ items: await jobsWithRuns(deps, jobs) }, 200))
      api.openapi(runRoute, async (c) => {
        requireAdmin(c)
        const job = jobs.find((j) => j.name === c.req.valid('param').name)
        if (!job) throw new AppError('not_found', '没有这个任务。')
        const outcome = await runJobNow(deps, job)
        await recordAudit(
          deps.db,
          c.get('principal'),
          c.get('via'),
          { action: 'job.run', subject: `job:${job.name}`, after: { outcome } },
          deps.clock.now(),
        )
        return c.json({ outcome }, 200)
      })
    },
  }
}
